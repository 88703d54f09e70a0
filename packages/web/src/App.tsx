import { lazy, Suspense, useEffect, useRef } from "react";
import { Link, Route, Switch, useLocation } from "wouter";
import { signIn, signOut, useAuth } from "./auth";
import { ErrorBoundary } from "./components/ErrorBoundary";
import { SearchPage } from "./pages/Search";

// Only the search page is in the first load; every other page loads when first opened (the
// dashboard with its chart library only for admins), so a traveller's first visit stays small.
const OfferPage = lazy(() => import("./pages/Offer").then((m) => ({ default: m.OfferPage })));
const TripPage = lazy(() => import("./pages/Trip").then((m) => ({ default: m.TripPage })));
const TripsPage = lazy(() => import("./pages/Trips").then((m) => ({ default: m.TripsPage })));
const Account = lazy(() => import("./pages/Account").then((m) => ({ default: m.Account })));
const Callback = lazy(() => import("./pages/Callback").then((m) => ({ default: m.Callback })));
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
  const firstPage = useRef(true);
  useEffect(() => {
    const title = titles.find(([pattern]) => pattern.test(location))?.[1] ?? "Not found";
    document.title = `${title} — Travel`;
    // After a client-side navigation, focus moves to the new page's heading, so screen readers
    // announce it and keyboard users start from the top (a full page load does this by itself).
    if (firstPage.current) {
      firstPage.current = false;
      return;
    }
    const timer = setTimeout(() => {
      const heading = document.querySelector<HTMLElement>("main h1");
      if (!heading) return;
      heading.tabIndex = -1;
      heading.focus({ preventScroll: false });
    }, 50);
    return () => clearTimeout(timer);
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
        <ErrorBoundary resetKey={location}>
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
        </ErrorBoundary>
      </main>
    </>
  );
}
