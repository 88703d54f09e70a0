import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { oneTraveller, traveller } from "../../functions/test/support/booking";
import { daysFromNow, testAdminEmail } from "../../functions/test/support/helpers";
import { checkAccessibility, newPage, screenshot, screenshotDir, signInInBrowser, useWebStack } from "./browser";

/**
 * Reviews in the browser, on the real stack: stays booked and confirmed over HTTP, the API's
 * clock moved past check-out (its `now`), then a traveller writes a review in My trips with markup
 * in it and sees it as plain text on the hotel's page, the results rate the hotel with its sources,
 * and an admin approves a review the automatic check held back.
 */
let shiftMs = 0;
const stack = useWebStack({ now: () => Date.now() + shiftMs });
type Json = Record<string, any>;

const markup = `<img src=x onerror="window.__xss=1">`;
const title = `Quiet and <b>bold</b> ${markup}`;
const text = `The room faced the courtyard.\nWe typed <b>bold</b> and ${markup} and it stayed text.`;

const hotelSearch = (checkIn: number, nights = 2) => `cityCode=PAR&checkIn=${daysFromNow(checkIn)}&checkOut=${daysFromNow(checkIn + nights)}&adults=1&rooms=1`;

/** Amadeus hotel offers of a Paris search over HTTP, one per hotel (a stay there is confirmed at once). */
async function hotelOffers(checkIn: number): Promise<Json[]> {
  const response = await stack.api.get(`/v1/search/hotels?${hotelSearch(checkIn)}`);
  expect(response.status).toBe(200);
  const offers = ((await response.json()) as Json).data as Json[];
  return [...new Map(offers.filter((o) => o.supplier === "amadeus").map((o) => [o.hotel.hotelId, o])).values()];
}

/** A confirmed two-night stay at `offer`'s hotel for `guest`, booked over HTTP with the API's clock as it really is. */
async function confirmedStay(guest: ReturnType<typeof traveller>, offer: Json): Promise<string> {
  const held = await guest.hold({ offerId: offer.id, travelers: oneTraveller });
  expect(held.status, await held.clone().text()).toBe(201);
  const { reservationId } = ((await held.json()) as Json).data;
  const confirmed = await guest.confirm(reservationId);
  expect(confirmed.status, await confirmed.clone().text()).toBe(200);
  return reservationId as string;
}

/** Past noon UTC on the check-out day, as far as the API can tell. */
const moveApiClockPast = (checkOut: string) => void (shiftMs = Date.parse(`${checkOut}T13:00:00Z`) - Date.now());

async function openApp(page: Page) {
  await page.goto(stack.web.url);
  await expect.poll(() => page.getByRole("button", { name: "Sign in" }).isEnabled()).toBe(true);
}

it("a traveller reviews a past stay in My trips; the hotel's page shows it as text, the results rate the hotel", { timeout: 240_000 }, async () => {
  shiftMs = 0;
  const guest = traveller(stack.api, `rita-${randomUUID().slice(0, 8)}`);
  const [hotel] = await hotelOffers(6);
  const later = (await hotelOffers(90))[0]!;
  const pastStay = await confirmedStay(guest, hotel!);
  const futureStay = await confirmedStay(guest, later);
  moveApiClockPast(hotel!.checkOut);

  const { page, context } = await newPage(stack);
  await openApp(page);
  await signInInBrowser(stack, page, guest.email);

  // My trips: the past stay is open for review, the later one says from when.
  await page.getByRole("link", { name: "My trips" }).first().click();
  const open = page.getByRole("listitem").filter({ has: page.locator(`a[href="/trips/${pastStay}"]`) });
  const notYet = page.getByRole("listitem").filter({ has: page.locator(`a[href="/trips/${futureStay}"]`) });
  await expect.poll(() => open.textContent(), { timeout: 20_000 }).toMatch(/Reviews are open/);
  await expect.poll(() => notYet.textContent()).toMatch(/You can review this stay from /);
  await checkAccessibility(page, "my trips with reviews");

  // The trip page: the review form, with markup in the title and the text.
  await open.getByRole("link").click();
  await page.getByRole("heading", { name: "Review your stay" }).waitFor();
  await page.getByLabel("Overall score (1 to 10)").selectOption("9");
  await page.getByLabel("Cleanliness").selectOption("10");
  await page.getByLabel("Location").selectOption("8");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Your review").fill(text);
  await page.getByLabel("Written in").selectOption("en");
  await page.getByLabel("Kind of trip").selectOption("couple");
  await checkAccessibility(page, "review form");
  await screenshot(page, "review-form");
  await page.getByRole("button", { name: "Send my review" }).click();
  await expect.poll(() => page.getByTestId("review-status").textContent(), { timeout: 20_000 }).toBe("Published");
  const own = page.getByTestId("own-review");
  await expect(own.textContent()).resolves.toContain("<b>bold</b>");
  expect(await own.locator("img, b").count()).toBe(0);

  // Changed within its 30 days: the form comes back filled in.
  await page.getByRole("button", { name: "Edit my review" }).click();
  await expect(page.getByLabel("Title").inputValue()).resolves.toBe(title);
  await page.getByLabel("Overall score (1 to 10)").selectOption("8");
  await page.getByRole("button", { name: "Save my changes" }).click();
  await expect.poll(() => own.locator(".review-score").first().textContent()).toMatch(/^8/);
  await checkAccessibility(page, "own review");
  await screenshot(page, "own-review");

  // Hotel results, best rated first: each with its comparable score and the sources behind it.
  await page.getByRole("link", { name: "Search" }).first().click();
  await page.getByRole("link", { name: "Hotels" }).click();
  await page.getByLabel("City").fill("PAR");
  await page.getByLabel("Check-in date").fill(daysFromNow(40));
  await page.getByLabel("Check-out date").fill(daysFromNow(42));
  await page.getByLabel("Sort by").selectOption("score");
  await page.getByRole("button", { name: "Search" }).click();
  const results = page.getByRole("listitem").filter({ hasText: /sold by/ });
  await expect.poll(() => results.count(), { timeout: 30_000 }).toBeGreaterThan(0);
  const shown = await results.evaluateAll((items) => items.map((li) => li.querySelector("[data-testid=comparable-rating] strong")?.textContent ?? ""));
  const scores = shown.filter(Boolean).map(Number);
  expect(scores.length).toBeGreaterThan(0);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  // The reviewed hotel's result, by its offers' ids (several hotels may share a name), however far down the list.
  const sameSearch = (await (await stack.api.get(`/v1/search/hotels?${hotelSearch(40)}&limit=100`)).json()) as Json;
  const itsOffers = (sameSearch.data as Json[]).filter((o) => o.hotel.hotelId === hotel!.hotel.hotelId).map((o) => `a[href^="/offers/${o.id}?"]`);
  expect(itsOffers.length).toBeGreaterThan(0);
  const reviewed = results.filter({ has: page.locator(itsOffers.join(", ")) }).first();
  for (let pages = 0; (await reviewed.count()) === 0 && pages < 20; pages++) {
    await page.getByRole("button", { name: "More results" }).click();
    await page.waitForLoadState("networkidle");
  }
  await expect(reviewed.getByTestId("comparable-rating").textContent()).resolves.toMatch(/\d+(\.\d)? \/ 10/);
  await reviewed.getByText(/^How it is rated/).click();
  const sources = reviewed.getByRole("table", { name: /Sources of the comparable rating/ });
  const rows = await sources.getByRole("row").allTextContents();
  expect(rows).toEqual(expect.arrayContaining([expect.stringMatching(/^Our verified guests8 on 1–101Yes(\d+%|under 1%)$/), expect.stringMatching(/^Star class\d on 1–5—No\d+%$/)]));
  await checkAccessibility(page, "hotel results with ratings");
  await reviewed.screenshot({ path: join(screenshotDir, "hotel-result-rating.png") });

  // The hotel's page: the review, its markup as literal text, nothing of it run or rendered.
  await reviewed.getByRole("link", { name: /^Select / }).click();
  const list = page.getByRole("list", { name: `Reviews of ${hotel!.hotel.name}` });
  const review = list.getByTestId("review").first();
  await review.waitFor({ timeout: 20_000 });
  const written = (await review.textContent())!;
  expect(written).toContain("<b>bold</b>");
  expect(written).toContain(markup);
  expect(await review.locator("img, b").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  await expect(page.getByTestId("review-summary").textContent()).resolves.toMatch(/8\.0 \/ 10 on average, from 1 verified review/);
  // The line break the traveller typed is kept (CSS pre-line), as text.
  await expect(review.locator(".review-text").innerText()).resolves.toMatch(/courtyard\.\nWe typed/);

  // One's own review cannot be marked helpful: the API's words.
  await review.getByRole("button", { name: "Helpful" }).click();
  await expect.poll(() => review.getByRole("alert").textContent()).toMatch(/own review/);
  await checkAccessibility(page, "hotel page with reviews");
  await screenshot(page, "hotel-reviews");
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  await context.close();
  expect(stack.pageErrors).toEqual([]);
});

it("an admin approves a review held back for a link and replies; it appears on the hotel's page; a traveller's report brings it back to keep", { timeout: 240_000 }, async () => {
  shiftMs = 0;
  const guest = traveller(stack.api, `sam-${randomUUID().slice(0, 8)}`);
  const hotel = (await hotelOffers(9))[1]!;
  const reservationId = await confirmedStay(guest, hotel);
  moveApiClockPast(hotel.checkOut);
  const reviewTitle = `Good base near the river ${randomUUID().slice(0, 6)}`;
  const written = await guest.post("/v1/reviews", {
    reservationId,
    overall: 7,
    categories: { location: 9 },
    title: reviewTitle,
    text: "Fine rooms, and the photos I took are there: see https://example.com/photos for them.",
    language: "en",
    tripType: "friends",
  });
  expect(written.status, await written.clone().text()).toBe(201);
  expect(((await written.json()) as Json).data).toMatchObject({ status: "PENDING", flags: ["link"] });

  const { page, context } = await newPage(stack, { width: 1280, height: 900 });
  await openApp(page);
  await signInInBrowser(stack, page, testAdminEmail);
  await page.getByRole("link", { name: "Admin" }).click();
  await page.getByRole("heading", { name: "Admin dashboard", level: 1 }).waitFor();
  await page.getByRole("navigation", { name: "Dashboard sections" }).getByRole("link", { name: "Reviews" }).click();
  const queued = page.getByTestId("review-queue").getByTestId("queued-review").filter({ hasText: reviewTitle });
  await queued.waitFor({ timeout: 20_000 });
  await expect(queued.getByTestId("review-flags").textContent()).resolves.toMatch(/Flagged for: a link/);
  await expect(queued.textContent()).resolves.toContain("[link removed]");
  await checkAccessibility(page, "review moderation queue");
  await screenshot(page, "admin-reviews");

  // The reason is required, then the decision.
  await queued.getByLabel("Reason for the decision").fill("The link is removed; the review itself is fair");
  await queued.getByRole("button", { name: "Approve" }).click();
  const decided = page.getByTestId("reviews-decided").getByTestId("queued-review").filter({ hasText: reviewTitle });
  await decided.waitFor({ timeout: 20_000 });
  await expect(decided.textContent()).resolves.toContain("Published");
  expect(await page.getByTestId("review-queue").getByText(reviewTitle).count()).toBe(0);

  // The hotel's reply.
  await decided.getByText(/^Reply on the hotel's behalf/).click();
  await decided.getByLabel("Reply", { exact: true }).fill("Thank you: we hope to see you again.\nThe front desk");
  await decided.getByRole("button", { name: "Publish the reply" }).click();
  await expect.poll(() => decided.getByRole("status").textContent()).toBe("Reply published.");
  await checkAccessibility(page, "review decided and replied to");

  // On the hotel's page now, with the reply (an offer of the same hotel from a new search).
  shiftMs = 0;
  const again = (await hotelOffers(30)).find((o) => o.hotel.hotelId === hotel.hotel.hotelId)!;
  await page.goto(`${stack.web.url}/offers/${again.id}`);
  const review = page.getByTestId("review").filter({ hasText: reviewTitle });
  await review.waitFor({ timeout: 20_000 });
  await expect(review.textContent()).resolves.toMatch(/Reply from The manager of .*Thank you: we hope to see you again/);
  await checkAccessibility(page, "hotel page with an approved review");

  // Another traveller finds it helpful and reports it; it is back in the queue, to keep or remove.
  const reader = await newPage(stack);
  await reader.page.goto(`${stack.web.url}/offers/${again.id}`);
  await expect.poll(() => reader.page.getByRole("button", { name: "Sign in" }).first().isEnabled()).toBe(true);
  await signInInBrowser(stack, reader.page, `cy-${randomUUID().slice(0, 8)}@example.com`);
  const seen = reader.page.getByTestId("review").filter({ hasText: reviewTitle });
  await seen.getByRole("button", { name: "Helpful" }).click();
  await expect.poll(() => seen.textContent()).toContain("1 traveller found this helpful.");
  await seen.getByRole("button", { name: "Report this review" }).click();
  await seen.getByLabel("What is wrong with it?").fill("It advertises a photo site");
  await checkAccessibility(reader.page, "report form");
  await seen.getByRole("button", { name: "Send the report" }).click();
  await expect.poll(() => seen.getByRole("status").textContent()).toMatch(/^Reported/);
  await reader.context.close();

  await page.goto(`${stack.web.url}/admin?tab=reviews`);
  const reported = page.getByTestId("review-queue").getByTestId("queued-review").filter({ hasText: reviewTitle });
  await expect.poll(() => reported.getByTestId("review-flags").textContent(), { timeout: 20_000 }).toMatch(/Reported by 1 traveller\./);
  await reported.getByLabel("Reason for the decision").fill("A photo site is not an advert here");
  await reported.getByRole("button", { name: "Keep" }).click();
  await page.getByTestId("reviews-decided").getByText(reviewTitle).waitFor();
  await context.close();
  expect(stack.pageErrors).toEqual([]);
});
