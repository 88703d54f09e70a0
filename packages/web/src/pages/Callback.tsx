import { useEffect, useRef, useState } from "react";
import { Link, useLocation } from "wouter";
import { accessToken, completeSignIn } from "../auth";

export function Callback() {
  const [, navigate] = useLocation();
  const [error, setError] = useState<string>();
  const started = useRef(false);
  useEffect(() => {
    // Once: an authorization code can be exchanged only once (StrictMode runs effects twice).
    if (started.current) return;
    started.current = true;
    completeSignIn(new URLSearchParams(window.location.search)).then(
      (next) => navigate(next, { replace: true }),
      (e: Error) => {
        setError(e.message);
        // Settle the session either way (an earlier one may still hold), so Sign in works again.
        void accessToken();
      },
    );
  }, [navigate]);
  return error ? (
    <section className="card" role="alert">
      <h1>Sign-in failed</h1>
      <p>{error}</p>
      <Link href="/">Back to search</Link>
    </section>
  ) : (
    <p role="status">Signing you in…</p>
  );
}
