import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api, unwrap, when, type Schemas } from "../../api";
import { Failure } from "./shared";

export interface Revealed {
  name: string;
  key: string;
  what: "issued" | "rotated";
  previousValidUntil?: string;
}

const graceChoices = [
  [0, "Not at all: refuse it now"],
  [3_600, "1 hour"],
  [86_400, "24 hours"],
  [604_800, "7 days"],
] as const;

/** One key: its usage today (from the key's own detail), and Rotate / Revoke with a confirm step. */
export function KeyRow({ apiKey, onRotated }: { apiKey: Schemas["ApiKey"]; onRotated: (r: Revealed) => void }) {
  const queries = useQueryClient();
  const graceId = useId();
  const [step, setStep] = useState<"rotate" | "revoke">();
  const [grace, setGrace] = useState(86_400);
  const detail = useQuery({
    queryKey: ["admin", "api-key", apiKey.keyId],
    queryFn: ({ signal }) => unwrap(api.GET("/v1/admin/api-keys/{keyId}", { params: { path: { keyId: apiKey.keyId } }, signal })),
  });
  const changed = () => {
    setStep(undefined);
    void queries.invalidateQueries({ queryKey: ["admin", "api-keys"] });
    void queries.invalidateQueries({ queryKey: ["admin", "api-key", apiKey.keyId] });
  };
  const rotate = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/v1/admin/api-keys/{keyId}/rotate", { params: { path: { keyId: apiKey.keyId } }, body: { graceSeconds: grace } })),
    onSuccess: ({ data }) => {
      onRotated({ name: data.name, key: data.key, what: "rotated", previousValidUntil: grace > 0 ? data.previousSecretValidUntil : undefined });
      changed();
    },
  });
  const revoke = useMutation({
    mutationFn: () => unwrap(api.POST("/v1/admin/api-keys/{keyId}/revoke", { params: { path: { keyId: apiKey.keyId } } })),
    onSuccess: changed,
  });
  const usage = detail.data?.data.usageToday;
  const active = apiKey.status === "ACTIVE";
  const busy = rotate.isPending || revoke.isPending;

  return (
    <>
      <tr>
        <th scope="row">{apiKey.name}</th>
        <td>{apiKey.plan}</td>
        <td>
          <span className={`badge ${active ? "confirmed" : ""}`}>{active ? "Active" : "Revoked"}</span>
          {apiKey.revokedAt && <span className="admin-note"> {when(apiKey.revokedAt)}</span>}
        </td>
        <td>
          <code className="admin-preview">{apiKey.preview}</code>
          {apiKey.rotatedAt && <span className="admin-note"> rotated {when(apiKey.rotatedAt)}</span>}
        </td>
        <td>{when(apiKey.createdAt)}</td>
        <td data-testid={`usage-${apiKey.keyId}`}>
          {usage ? `${usage.requests} of ${usage.quotaPerDay}` : detail.isError ? "unavailable" : "…"}
        </td>
        <td className="admin-actions">
          {active ? (
            <>
              <button type="button" onClick={() => setStep("rotate")} disabled={busy} aria-expanded={step === "rotate"}>
                Rotate<span className="visually-hidden"> {apiKey.name}</span>
              </button>
              <button type="button" onClick={() => setStep("revoke")} disabled={busy} aria-expanded={step === "revoke"}>
                Revoke<span className="visually-hidden"> {apiKey.name}</span>
              </button>
            </>
          ) : (
            "—"
          )}
        </td>
      </tr>
      {(step || rotate.error || revoke.error || detail.error) && (
        <tr className="admin-confirm">
          <td colSpan={7}>
            <Failure error={detail.error} />
            <Failure error={rotate.error ?? revoke.error} />
            {step === "rotate" && (
              <div className="admin-inline">
                <p>
                  Rotate <strong>{apiKey.name}</strong>: a new key is issued and shown once.
                </p>
                <div className="field">
                  <label htmlFor={graceId}>The old key keeps working for</label>
                  <select id={graceId} value={grace} onChange={(e) => setGrace(Number(e.target.value))}>
                    {graceChoices.map(([seconds, label]) => (
                      <option key={seconds} value={seconds}>
                        {label}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="button" className="primary" onClick={() => rotate.mutate()} disabled={busy}>
                  Rotate key
                </button>
                <button type="button" onClick={() => setStep(undefined)} disabled={busy}>
                  Cancel
                </button>
              </div>
            )}
            {step === "revoke" && (
              <div className="admin-inline">
                <p>
                  Revoke <strong>{apiKey.name}</strong>? The partner's requests are refused from now on; this cannot be undone.
                </p>
                <button type="button" className="danger" onClick={() => revoke.mutate()} disabled={busy}>
                  Yes, revoke
                </button>
                <button type="button" onClick={() => setStep(undefined)} disabled={busy}>
                  Cancel
                </button>
              </div>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
