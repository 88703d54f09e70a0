import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { RequireSignIn } from "../components/RequireSignIn";
import { api, unwrap, type Schemas } from "../api";
import { signOut } from "../auth";

export function Account() {
  return (
    <RequireSignIn what="see your account">
      <AccountPage />
    </RequireSignIn>
  );
}

function AccountPage() {
  const queries = useQueryClient();
  const profile = useQuery({ queryKey: ["me"], queryFn: ({ signal }) => unwrap(api.GET("/v1/me", { signal })) });
  const save = useMutation({
    mutationFn: (changes: Schemas["ProfileChanges"]) => unwrap(api.PATCH("/v1/me", { body: changes })),
    onSuccess: (saved) => queries.setQueryData(["me"], saved),
  });
  const exported = useMutation({
    mutationFn: () => unwrap(api.GET("/v1/me/export")),
    onSuccess: (data) => {
      // A file the traveller keeps: made in the browser from the API's answer.
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
      link.download = `my-travel-data-${new Date().toISOString().slice(0, 10)}.json`;
      link.click();
      URL.revokeObjectURL(link.href);
    },
  });
  const [confirmText, setConfirmText] = useState("");
  const erase = useMutation({
    mutationFn: () => unwrap(api.DELETE("/v1/me")),
    onSuccess: () => {
      queries.clear();
      signOut();
    },
  });

  if (profile.isPending) return <p role="status">Loading your profile…</p>;
  if (profile.isError) return <p role="alert" className="error">{profile.error.message}</p>;
  const me = profile.data.data;
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => (String(form.get(name) ?? "").trim() || null);
    save.mutate({
      displayName: text("displayName"),
      phone: text("phone"),
      currency: text("currency") as Schemas["ProfileChanges"]["currency"],
      marketingOptIn: form.get("marketingOptIn") === "on",
    });
  };
  return (
    <>
      <h1>Account</h1>
      <form className="card" onSubmit={submit} aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile</h2>
        <p>Signed in as {me.email} ({me.role}).</p>
        <div className="field">
          <label htmlFor="displayName">Display name</label>
          <input id="displayName" name="displayName" defaultValue={me.displayName ?? ""} maxLength={100} autoComplete="name" />
        </div>
        <div className="field">
          <label htmlFor="phone">Phone (with country code)</label>
          <input id="phone" name="phone" type="tel" defaultValue={me.phone ?? ""} pattern="\+[1-9]\d{6,14}" autoComplete="tel" />
        </div>
        <div className="field">
          <label htmlFor="currency">Preferred currency</label>
          <select id="currency" name="currency" defaultValue={me.currency ?? ""}>
            <option value="">No preference</option>
            {["USD", "EUR", "GBP", "CAD", "AUD", "JPY", "CHF", "SGD", "AED", "INR"].map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </div>
        <div className="field check">
          <input id="marketingOptIn" name="marketingOptIn" type="checkbox" defaultChecked={me.marketingOptIn} />
          <label htmlFor="marketingOptIn">Send me offers by email</label>
        </div>
        {save.isError && <p role="alert" className="error">{save.error.message}</p>}
        {save.isSuccess && <p role="status">Saved.</p>}
        <button type="submit" className="primary" disabled={save.isPending}>Save</button>
      </form>
      <section className="card" aria-labelledby="data-heading">
        <h2 id="data-heading">Your data</h2>
        <p>Download everything we keep about you: profile, trips, orders and the audit trail of your account.</p>
        <button type="button" onClick={() => exported.mutate()} disabled={exported.isPending}>Download my data</button>
        {exported.isError && <p role="alert" className="error">{exported.error.message}</p>}
        <h3>Erase my data</h3>
        <p>
          Deletes your profile and sign-in, and removes your name and contact details from your trips. Bookings stay with
          the airline or hotel; what the law makes us keep (payments) is kept without your name. This cannot be undone.
        </p>
        <div className="field">
          <label htmlFor="eraseConfirm">Type ERASE to confirm</label>
          <input id="eraseConfirm" value={confirmText} onChange={(e) => setConfirmText(e.target.value)} autoComplete="off" />
        </div>
        <button type="button" className="danger" disabled={confirmText !== "ERASE" || erase.isPending} onClick={() => erase.mutate()}>
          Erase my data
        </button>
        {erase.isError && <p role="alert" className="error">{erase.error.message}</p>}
      </section>
    </>
  );
}
