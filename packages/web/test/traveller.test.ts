import { expect, it } from "vitest";
import { daysFromNow } from "../../functions/test/support/helpers";
import { checkAccessibility, newPage, screenshot, signInInBrowser, useWebStack } from "./browser";

/**
 * A traveller books and cancels a Duffel flight in the browser, through the real stack: sign in
 * with the emailed code, search, choose a seat, hold, a declined card, pay, My trips, cancel after
 * the refund quote. Every page is checked with axe-core on the way.
 */
const stack = useWebStack();

it("signs in, searches, picks a seat, holds, pays, finds the trip and cancels it after the quote", { timeout: 240_000 }, async () => {
  const { page, context } = await newPage(stack);
  await page.goto(stack.web.url);
  await expect.poll(() => page.getByRole("button", { name: "Sign in" }).isEnabled()).toBe(true);
  await checkAccessibility(page, "search page");
  await screenshot(page, "search");

  await signInInBrowser(stack, page, "ada.web@example.com");

  // Search by the fields' names, as a screen reader user would find them.
  await page.getByLabel("From", { exact: true }).fill("LHR");
  await page.getByLabel("To", { exact: true }).fill("JFK");
  await page.getByLabel("Departure date").fill(daysFromNow(45));
  await page.getByRole("button", { name: "Search" }).click();
  const results = page.getByRole("listitem").filter({ hasText: "sold by duffel" });
  await expect.poll(() => results.count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(() => page.getByTestId("freshness").textContent()).toMatch(/results? · live prices.*duffel: \d+ in \d+ ms/);
  await checkAccessibility(page, "results");
  await screenshot(page, "results");

  // The first Duffel offer: fare conditions, seat maps, the traveller details Duffel requires.
  await results.first().getByRole("link", { name: /^Select / }).click();
  await page.getByRole("heading", { name: "Who is travelling" }).waitFor();
  await expect(page.getByRole("list", { name: "Fare conditions" }).textContent()).resolves.toMatch(/Refund before departure/);
  await page.getByLabel("First name").fill("Ada");
  await page.getByLabel("Last name").fill("Lovelace");
  await page.getByLabel("Date of birth").fill("1985-12-10");
  await page.getByLabel("Title", { exact: true }).selectOption("ms");
  await page.getByLabel("Gender (as on the passport)").selectOption("f");
  await page.getByLabel(/Contact phone/).fill("+442080160509");
  const firstFlight = page.locator("fieldset.seatmap").first();
  await firstFlight.getByRole("button", { name: /^Seat \d+[A-K], / }).first().waitFor();
  const seat = firstFlight.locator("button.seat:not([disabled])").first();
  const seatId = (await seat.textContent())!.replace("+", "").trim();
  await seat.click();
  await expect(seat.getAttribute("aria-pressed")).resolves.toBe("true");
  await checkAccessibility(page, "offer with seat map");
  await screenshot(page, "offer-seats");
  await page.getByRole("button", { name: /^Hold for / }).click();

  // The hold: its countdown, and the seat on the trip.
  await page.getByRole("heading", { name: "On hold" }).waitFor({ timeout: 30_000 });
  await expect(page.getByRole("timer").textContent()).resolves.toMatch(/^\d+:\d\d$/);
  await expect(page.getByText(`Seats: `).first().textContent()).resolves.toContain(seatId);
  const tripUrl = page.url();
  await checkAccessibility(page, "trip on hold");

  // A declined card: the reason, and the hold is kept.
  await page.getByLabel("Declined test card").check();
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect.poll(() => page.getByRole("alert").textContent(), { timeout: 30_000 }).toMatch(/Payment failed: .*declined.*Your hold is kept/i);
  await expect(page.getByRole("heading", { name: "On hold" }).isVisible()).resolves.toBe(true);
  await screenshot(page, "payment-declined");

  // The Visa test card: booked, with Duffel's booking reference.
  await page.getByLabel("Visa test card (succeeds)").check();
  await page.getByRole("button", { name: /^Pay / }).click();
  const reference = page.getByTestId("booking-reference");
  await reference.waitFor({ timeout: 60_000 });
  const bookingReference = (await reference.textContent())!.trim();
  expect(bookingReference).toMatch(/^[A-Z0-9]{6}$/);
  await checkAccessibility(page, "confirmation");
  await screenshot(page, "confirmation");

  // The API agrees: a Duffel order with that reference, the chosen seat on it.
  const reservationId = new URL(tripUrl).pathname.split("/").pop()!;
  const token = await stack.api.signIn("ada.web@example.com");
  const view = (await (await stack.api.get(`/v1/reservations/${reservationId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { data: { status: string; supplierOrder: { bookingReference: string; supplier: string }; seatIds: string[] } };
  expect(view.data).toMatchObject({ status: "CONFIRMED", supplierOrder: { bookingReference, supplier: "duffel" } });
  expect(view.data.seatIds).toContain(seatId);

  // My trips lists it with its reference.
  await page.getByRole("link", { name: "My trips" }).first().click();
  const trip = page.getByRole("listitem").filter({ hasText: bookingReference });
  await trip.waitFor();
  await checkAccessibility(page, "my trips");
  await screenshot(page, "my-trips");

  // Cancel: the refund quote first, then the cancellation it quotes.
  await trip.getByRole("link").click();
  await page.getByRole("button", { name: "See what I get back" }).click();
  const quote = page.getByTestId("refund-quote");
  await quote.waitFor({ timeout: 30_000 });
  await expect(quote.textContent()).resolves.toMatch(/You get .+ back to your card|Nothing was paid/);
  await checkAccessibility(page, "refund quote");
  await screenshot(page, "cancel-quote");
  await page.getByRole("button", { name: /^Cancel and get / }).click();
  await page.getByRole("heading", { name: "Cancelled" }).waitFor({ timeout: 30_000 });
  const after = (await (await stack.api.get(`/v1/reservations/${reservationId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { data: { status: string; supplierOrder: { status: string } } };
  expect(after.data).toMatchObject({ status: "CANCELLED", supplierOrder: { status: "CANCELLED" } });

  // The account page: profile, export and erasure are there.
  await page.getByRole("link", { name: "Account" }).click();
  await page.getByRole("heading", { name: "Profile" }).waitFor();
  await checkAccessibility(page, "account");
  await context.close();
  expect(stack.pageErrors).toEqual([]);
});

it("searches hotels and car rentals with their own fields, filters and sorting", { timeout: 120_000 }, async () => {
  const { page, context } = await newPage(stack);
  await page.goto(stack.web.url);
  await page.getByRole("link", { name: "Hotels" }).click();
  await page.getByLabel("City").fill("PAR");
  await page.getByLabel("Check-in date").fill(daysFromNow(50));
  await page.getByLabel("Check-out date").fill(daysFromNow(52));
  await page.getByLabel("Wi-Fi").check();
  await page.getByLabel("Sort by").selectOption("rating");
  await page.getByRole("button", { name: "Search" }).click();
  const hotels = page.getByRole("listitem").filter({ hasText: /sold by/ });
  await expect.poll(() => hotels.count(), { timeout: 30_000 }).toBeGreaterThan(0);
  // The question is in the address, as the API takes it (amenities as one list).
  expect(new URL(page.url()).searchParams.get("amenities")).toBe("WIFI");
  const stars = await hotels.evaluateAll((items) => items.map((li) => li.querySelector("[aria-label$='stars']")?.getAttribute("aria-label") ?? ""));
  const ratings = stars.map((s) => Number.parseInt(s, 10));
  expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
  await checkAccessibility(page, "hotel results");

  await page.getByRole("link", { name: "Car rentals" }).click();
  await page.getByLabel("Pick-up location").fill("LAX");
  await page.getByLabel("Pick-up time").fill(`${daysFromNow(50)}T10:00`);
  await page.getByLabel("Drop-off time").fill(`${daysFromNow(53)}T10:00`);
  await page.getByRole("button", { name: "Search" }).click();
  const cars = page.getByRole("listitem").filter({ hasText: /sold by/ });
  await expect.poll(() => cars.count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(cars.first().textContent()).resolves.toMatch(/3 days from/);
  await checkAccessibility(page, "car results");
  await screenshot(page, "car-results");
  await context.close();
  expect(stack.pageErrors).toEqual([]);
});
