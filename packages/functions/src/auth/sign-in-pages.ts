import type { CodeProviderConfig, CodeProviderError, CodeProviderState } from "@openauthjs/openauth/provider/code";

/**
 * The issuer's sign-in pages: an email form, then a code form. OpenAuth's own CodeUI marks its
 * fields with placeholders only, which screen readers and axe-core report as unlabelled (a
 * critical violation); these are the same two forms, posting the same fields (`action`, `email`,
 * `code`) to the same provider, with labels, a language, a title and live error messages.
 */
export function accessibleCodePages(sendCode: CodeProviderConfig["sendCode"]): CodeProviderConfig {
  return {
    length: 6,
    sendCode,
    request: async (_request: Request, state: CodeProviderState, _form?: FormData, error?: CodeProviderError) =>
      new Response(state.type === "start" ? emailPage(error) : codePage(state, error), {
        // Never inside another site's frame (a sign-in form is a clickjacking target).
        headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "X-Frame-Options": "DENY", "Content-Security-Policy": "frame-ancestors 'none'" },
      }),
  };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} — Travel</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; background: #f3f6f8; color: #1a1a1a; line-height: 1.45; }
  main { max-width: 24rem; margin: 3rem auto; padding: 1.5rem; background: #fff; border: 1px solid #c9d3da; border-radius: 0.5rem; }
  h1 { font-size: 1.4rem; margin-top: 0; }
  label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
  input { font: inherit; width: 100%; box-sizing: border-box; min-height: 2.75rem; padding: 0.4rem 0.5rem; border: 1px solid #767676; border-radius: 0.25rem; }
  button { font: inherit; min-height: 2.75rem; margin-top: 0.75rem; padding: 0.4rem 1rem; border: 1px solid #0b4f6c; border-radius: 0.25rem; background: #0b4f6c; color: #fff; font-weight: 600; cursor: pointer; }
  button.link { background: none; color: #0b4f6c; border: none; padding: 0; min-height: auto; text-decoration: underline; font-weight: normal; }
  .error { color: #a11d1d; font-weight: 600; }
  :focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

function emailPage(error?: CodeProviderError): string {
  const invalid = error?.type === "invalid_claim";
  return page(
    "Sign in",
    `<h1>Sign in</h1>
<p>We send a one-time code to your email. No password needed.</p>
<form method="post">
  <input type="hidden" name="action" value="request">
  ${invalid ? `<p class="error" role="alert" id="email-error">That email address is not valid.</p>` : ""}
  <label for="email">Email</label>
  <input id="email" type="email" name="email" required autocomplete="email" autofocus${invalid ? ' aria-invalid="true" aria-describedby="email-error"' : ""}>
  <button type="submit">Send me a code</button>
</form>`,
  );
}

function codePage(state: Extract<CodeProviderState, { type: "code" }>, error?: CodeProviderError): string {
  const email = escape(state.claims.email ?? "");
  const wrong = error?.type === "invalid_code";
  return page(
    "Enter your code",
    `<h1>Enter your code</h1>
<p role="status">${state.resend ? "We sent a new code" : "We sent a code"} to ${email}.</p>
<form method="post">
  <input type="hidden" name="action" value="verify">
  ${wrong ? `<p class="error" role="alert" id="code-error">That code is not right. Check the latest email, or ask for a new code.</p>` : ""}
  <label for="code">Six-digit code</label>
  <input id="code" name="code" required minlength="6" maxlength="6" inputmode="numeric" pattern="[0-9]{6}" autocomplete="one-time-code" autofocus${wrong ? ' aria-invalid="true" aria-describedby="code-error"' : ""}>
  <button type="submit">Sign in</button>
</form>
<form method="post">
  ${Object.entries(state.claims).map(([key, value]) => `<input type="hidden" name="${escape(key)}" value="${escape(value)}">`).join("")}
  <input type="hidden" name="action" value="resend">
  <p>Didn't get it? <button type="submit" class="link">Send a new code</button></p>
</form>`,
  );
}
