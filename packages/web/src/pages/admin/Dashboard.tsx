import { useCallback, useState } from "react";
import { Link, useSearch } from "wouter";
import { RequireSignIn } from "../../components/RequireSignIn";
import { useAuth } from "../../auth";
import { Analytics } from "./Analytics";
import { ApiKeys } from "./ApiKeys";
import { Audit } from "./Audit";
import { Cache } from "./Cache";
import { Reviews } from "./Reviews";
import { ForbiddenContext, NotAllowed } from "./shared";
import "./admin.css";

const sections = [
  ["analytics", "Analytics"],
  ["cache", "Cache"],
  ["keys", "API keys"],
  ["reviews", "Reviews"],
  ["audit", "Audit log"],
] as const;
type Section = (typeof sections)[number][0];

/** `/admin` (lazy-loaded by App): admins only; everyone else is told so without any API call. */
export default function Dashboard() {
  return (
    <RequireSignIn what="open the admin dashboard">
      <AdminsOnly />
    </RequireSignIn>
  );
}

function AdminsOnly() {
  const auth = useAuth();
  // The API has the last word: a 403 from any admin call (a role taken away since the token was
  // issued) shows the same message. Kept per user, so signing in as someone else starts afresh.
  const [refusedFor, setRefusedFor] = useState<string>();
  const userId = auth.status === "signed-in" ? auth.user.id : undefined;
  const refused = useCallback(() => setRefusedFor(userId), [userId]);
  if (auth.status !== "signed-in") return null;
  if (auth.user.role !== "admin") return <NotAllowed email={auth.user.email} />;
  if (refusedFor === auth.user.id) return <NotAllowed refusedByApi />;
  return (
    <ForbiddenContext.Provider value={refused}>
      <Sections />
    </ForbiddenContext.Provider>
  );
}

function Sections() {
  const search = new URLSearchParams(useSearch());
  const current: Section = sections.find(([id]) => id === search.get("tab"))?.[0] ?? "analytics";
  return (
    <div className="admin">
      <h1>Admin dashboard</h1>
      <nav aria-label="Dashboard sections" className="admin-tabs">
        {sections.map(([id, label]) => (
          <Link key={id} href={id === "analytics" ? "/admin" : `/admin?tab=${id}`} aria-current={current === id ? "page" : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      {current === "analytics" && <Analytics />}
      {current === "cache" && <Cache />}
      {current === "keys" && <ApiKeys />}
      {current === "reviews" && <Reviews />}
      {current === "audit" && <Audit />}
    </div>
  );
}
