import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ApiProblem } from "./api";
import { App } from "./App";
import { restoreSession } from "./auth";
import "./styles.css";

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A 4xx will not change by asking again; a 5xx or a lost connection may.
      retry: (failures, error) => failures < 2 && !(error instanceof ApiProblem && error.status < 500),
    },
  },
});

// A page's code that no longer exists (a new deploy while the tab was open): load the new app.
// Once a minute at most, so a chunk that is really missing shows the error page instead of looping.
window.addEventListener("vite:preloadError", () => {
  const last = Number(sessionStorage.getItem("travel.reloadedAt") ?? 0);
  if (Date.now() - last < 60_000) return;
  sessionStorage.setItem("travel.reloadedAt", String(Date.now()));
  window.location.reload();
});

restoreSession();
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
