import { signIn, useAuth } from "../auth";

/** For pages that need a signed-in traveller: a clear way in rather than an error. */
export function RequireSignIn({ children, what }: { children: React.ReactNode; what: string }) {
  const auth = useAuth();
  if (auth.status === "unknown") return <p role="status">Checking your session…</p>;
  if (auth.status === "signed-out") {
    return (
      <section className="card">
        <h1>Sign in</h1>
        <p>Sign in to {what}. We send a one-time code to your email; no password.</p>
        <button type="button" onClick={() => void signIn()}>Sign in</button>
      </section>
    );
  }
  return <>{children}</>;
}
