import { expect, it } from "vitest";
import { oneOrderTraveller, traveller } from "../../functions/test/support/booking";
import { daysFromNow, testAdminEmail } from "../../functions/test/support/helpers";
import { checkAccessibility, newPage, screenshot, signInInBrowser, useWebStack, type WebStack } from "./browser";

/**
 * The admin dashboard against a scripted sequence of searches and bookings made over HTTP: the
 * figures it shows are the API's own, it moves when another search happens while it is open, and a
 * traveller is not allowed in.
 */
const stack = useWebStack();
type Json = Record<string, any>;

/** Everything recorded so far, through the bus and into Redis (what the timers do within seconds). */
async function settle(s: WebStack) {
  await s.api.deps.analytics.recorder.flush();
  // The in-process platform bus of the test API (the LocalEventBus): deliveries in flight.
  await (s.api.deps.events as unknown as { drain(): Promise<void> }).drain();
  await s.worker.relayOnce();
  await s.worker.drain();
}

const flights = (origin: string, destination: string) => `/v1/search/flights?origin=${origin}&destination=${destination}&departureDate=${daysFromNow(60)}&adults=1`;

it("shows the figures the API reports, moves as searches happen, and keeps travellers out", { timeout: 240_000 }, async () => {
  const { api } = stack;
  // The script: five searches (one repeated: a cache hit), one booking confirmed, one hold released.
  const answers: Json[] = [];
  for (const path of [
    flights("LHR", "JFK"),
    flights("LHR", "JFK"),
    flights("MAD", "CDG"),
    `/v1/search/hotels?cityCode=PAR&checkIn=${daysFromNow(62)}&checkOut=${daysFromNow(64)}&adults=1&rooms=1`,
    `/v1/search/cars?pickupLocation=LAX&pickupAt=${daysFromNow(65)}T10:00&dropoffAt=${daysFromNow(67)}T10:00&driverAge=30`,
  ]) {
    const response = await api.get(path);
    expect(response.status).toBe(200);
    answers.push((await response.json()) as Json);
  }
  const amadeusOffers = (answers[0]!.data as Json[]).filter((o) => o.supplier === "amadeus");
  const bea = traveller(api, "bea-admin-test");
  const held = (await (await bea.hold({ offerId: amadeusOffers[0]!.id, ...oneOrderTraveller })).json()) as Json;
  expect((await bea.confirm(held.data.reservationId)).status).toBe(200);
  const released = (await (await bea.hold({ offerId: amadeusOffers[1]!.id, ...oneOrderTraveller })).json()) as Json;
  expect((await bea.cancel(released.data.reservationId)).status).toBe(200);
  await settle(stack);
  const overview = async () => ((await (await api.admin("/v1/admin/analytics/overview")).json()) as Json).data;
  const funnel = async () => ((await (await api.admin("/v1/admin/analytics/funnel")).json()) as Json).data;
  const expected = await overview();
  expect(expected.searches.total).toBe(5);
  expect(expected.reservations.confirmed).toBe(1);

  // The admin signs in through the browser and opens the dashboard.
  const { page, context } = await newPage(stack, { width: 1280, height: 900 });
  await page.goto(stack.web.url);
  await expect.poll(() => page.getByRole("button", { name: "Sign in" }).isEnabled()).toBe(true);
  await signInInBrowser(stack, page, testAdminEmail);
  await page.getByRole("link", { name: "Admin" }).click();
  await page.getByRole("heading", { name: "Admin dashboard", level: 1 }).waitFor();
  const shown = (id: string) => page.getByTestId(id).first().textContent({ timeout: 20_000 });
  const funnelNow = await funnel();
  for (const [id, value] of [
    ["searches-total", expected.searches.total],
    ["searches-flights", expected.searches.byVertical.flights],
    ["searches-hotels", expected.searches.byVertical.hotels],
    ["searches-cars", expected.searches.byVertical.cars],
    ["unique-visitors", expected.uniqueVisitors],
    ["cache-hit-ratio", `${(expected.cache.hitRatio * 100).toFixed(1)}%`],
    ["reservations-confirmed", expected.reservations.confirmed],
    ["reservations-cancelled", expected.reservations.cancelled],
    ["revenue-USD", expected.revenue.USD],
    ["funnel-searched", funnelNow.steps.find((s: Json) => s.step === "searched").events],
    ["funnel-held", funnelNow.steps.find((s: Json) => s.step === "held").events],
    ["funnel-confirmed", funnelNow.steps.find((s: Json) => s.step === "confirmed").events],
  ] as const) {
    expect(await shown(id), id).toBe(String(value));
  }
  // Top routes name the route searched twice first.
  await expect(page.getByTestId("top-routes").first().textContent()).resolves.toMatch(/LHR.?JFK/);
  await checkAccessibility(page, "admin dashboard");
  await screenshot(page, "admin-dashboard");

  // Another search while the page is open: the dashboard moves without a reload.
  expect((await api.get(flights("LHR", "BER"))).status).toBe(200);
  await settle(stack);
  expect((await overview()).searches.total).toBe(expected.searches.total + 1);
  await expect.poll(() => shown("searches-total"), { timeout: 20_000, interval: 500 }).toBe(String(expected.searches.total + 1));
  await context.close();

  // A traveller: no Admin link, and the page itself says it is not for them.
  const other = await newPage(stack);
  await other.page.goto(stack.web.url);
  await expect.poll(() => other.page.getByRole("button", { name: "Sign in" }).isEnabled()).toBe(true);
  await signInInBrowser(stack, other.page, "cy.traveller@example.com");
  expect(await other.page.getByRole("link", { name: "Admin" }).count()).toBe(0);
  await other.page.goto(`${stack.web.url}/admin`);
  await other.page.getByRole("heading", { name: "Not allowed" }).waitFor({ timeout: 20_000 });
  await checkAccessibility(other.page, "admin dashboard refused");
  await other.context.close();
  expect(stack.pageErrors).toEqual([]);
});
