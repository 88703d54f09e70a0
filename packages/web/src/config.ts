/** What the host tells the app at run time (`/app-config.json`): see vite.config.ts. */
export interface AppConfig {
  /** The OAuth 2.0 issuer (OpenAuth) travellers sign in at. */
  authUrl: string;
  /** Stripe's publishable key: when set, payment uses Stripe's Payment Element instead of test cards. */
  stripePublishableKey?: string;
}

let loaded: Promise<AppConfig> | undefined;

/** Read once, when first needed (searching does not need it: only signing in and paying do). */
export function appConfig(): Promise<AppConfig> {
  loaded ??= fetch("/app-config.json", { signal: AbortSignal.timeout(10_000) }).then(async (response) => {
    if (!response.ok) throw new Error(`the app's configuration is missing (/app-config.json answered ${response.status})`);
    return (await response.json()) as AppConfig;
  });
  loaded.catch(() => (loaded = undefined));
  return loaded;
}
