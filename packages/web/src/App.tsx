import { lazy, Suspense, useEffect } from "react";
import { Link, Route, Switch, useLocation } from "wouter";
import { signIn, signOut, useAuth } from "./auth";
import { Account } from "./pages/Account";
import { Callback } from "./pages/Callback";
import { OfferPage } from "./pages/Offer";
import { SearchPage } from "./pages/Search";
import { TripPage } from "./pages/Trip";
import { TripsPage } from "./pages/Trips";

// The dashboard and its chart library load only when an admin opens it (first load stays small).
const AdminDashboard = lazy(() => import("./pages/admin/Dashboard"));

const titles: Array<[RegExp, string]> = [
  [/^\/$/, "Search"],
  [/^\/offers\//, "Offer"],
  [/^\/trips\/.+/, "Trip"],
  [/^\/trips$/, "My trips"],
  [/^\/account/, "Account"],
  [/^\/admin/, "Admin dashboard"],
  [/^\/callback/, "Signing in"],
];

export function App() {
  const auth = useAuth();
  const [location] = useLocation();
  useEffect(() => {
    const title = titles.find(([pattern]) => pattern.test(location))?.[1] ?? "Not found";
    document.title = `${title} — Travel`;
  }, [location]);

  return (
    <>
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <Link href="/" className="brand">Travel</Link>
        <nav aria-label="Main">
          <Link href="/">Search</Link>
          {auth.status === "signed-in" && <Link href="/trips">My trips</Link>}
          {auth.status === "signed-in" && <Link href="/account">Account</Link>}
          {auth.status === "signed-in" && auth.user.role === "admin" && <Link href="/admin">Admin</Link>}
          {auth.status === "signed-in" ? (
            <button type="button" className="link" onClick={() => signOut()}>Sign out</button>
          ) : (
            <button type="button" className="link" onClick={() => void signIn()} disabled={auth.status === "unknown"}>Sign in</button>
          )}
        </nav>
      </header>
      <main id="main">
        <Suspense fallback={<p role="status">Loading…</p>}>
          <Switch>
            <Route path="/" component={SearchPage} />
            <Route path="/offers/:id" component={OfferPage} />
            <Route path="/trips" component={TripsPage} />
            <Route path="/trips/:id" component={TripPage} />
            <Route path="/account" component={Account} />
            <Route path="/admin" component={AdminDashboard} />
            <Route path="/callback" component={Callback} />
            <Route>
              <h1>Not found</h1>
              <p>There is no page here. <Link href="/">Search</Link> instead.</p>
            </Route>
          </Switch>
        </Suspense>
      </main>
    </>
  );
}

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
