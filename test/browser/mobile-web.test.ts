import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemo } from "../../examples/mobile-web/scripts/build.js";
import { packSdk } from "../../sdk/scripts/pack-sdk.js";
import { createClient } from "../../sdk/src/generated/v2.gen.js";
import type { RunningStage } from "../api/running-stage.js";
import { startSdkStage } from "../sdk/support/sdk-stage.js";
import { type CognitoAppPool, startCognitoAppPool } from "../support/cognito-app-pool.js";
import { launchChromium } from "./support/chromium.js";

const repoRoot = resolve(import.meta.dirname, "../..");
const screenshots = join(repoRoot, "test-results");
// A vineyard valley of our own: seven wineries north of here, so the first page (5) leaves two for "Load more".
const HOME = { latitude: 44.7, longitude: 8.03 };
const WINERIES = [
  "Barolo Hill",
  "Nebbiolo House",
  "Langhe Terrace",
  "Tanaro Cellars",
  "Alba Crest",
  "Roero Sands",
  "Monforte Loft",
];

const ALICE = { email: "alice@example.com", password: "Correct-Horse-9" };
// What cognito-local "e-mails" on sign-up here (it prints the code; a real pool sends it).
const SIGN_UP_CODE = "424242";

describe("the hybrid-app demo in headless Chromium, on the packed SDK", () => {
  let pool: CognitoAppPool;
  let aliceSub = "";
  let stage: RunningStage;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let appDir = "";
  const ids: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    appDir = await mkdtemp(join(tmpdir(), "cellar-mobile-web-"));
    // The stage trusts cognito-local's pool and names it in /config.json: the demo signs in there.
    pool = await startCognitoAppPool({ confirmationCode: SIGN_UP_CODE });
    aliceSub = await pool.createUser(ALICE.email, ALICE.password);
    const [{ tarball }, started] = await Promise.all([
      packSdk(),
      startSdkStage({ appDir, docsDir: join(repoRoot, "docs"), cognito: pool.config }),
    ]);
    stage = started;
    await buildDemo({ sdkTarball: tarball, outDir: appDir });
    const admin = createClient({ baseUrl: stage.origin, getToken: () => stage.token("admin-1", ["admin"]) });
    for (const [index, name] of WINERIES.entries()) {
      const location = { lat: HOME.latitude + (index + 1) * 0.002, lng: HOME.longitude };
      ids.push((await admin.createWinery({ body: { name, location, region: "Langhe" } })).id);
    }
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      geolocation: HOME,
      permissions: ["geolocation"],
    });
    page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(`${message.text()} (${message.location().url})`);
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stage?.close();
    await pool?.stop();
    if (appDir) await rm(appDir, { recursive: true, force: true });
  });

  it("opens at /app", async () => {
    await page.goto(`${stage.origin}/app`);
    expect(page.url()).toBe(`${stage.origin}/app/`);
    await expect(page.title()).resolves.toBe("Cellar · wineries near me");
  });

  it("signs in through Cognito's API (cognito-local), with the pool /config.json names", async () => {
    await page.getByTestId("sign-in-name").fill(ALICE.email);
    await page.getByTestId("sign-in-password").fill(ALICE.password);
    await page.getByTestId("sign-in").click();
    await page.getByTestId("signed-in-as").waitFor();
    await expect(page.getByTestId("signed-in-as").textContent()).resolves.toBe(ALICE.email);
    // The API gets the pool's ID token (what API Gateway's Cognito authorizer takes without scopes).
    const stored = await page.evaluate(() => sessionStorage.getItem("cellar.session"));
    const idToken = (JSON.parse(stored ?? "{}") as { idToken?: string }).idToken ?? "";
    const claims = JSON.parse(Buffer.from(idToken.split(".")[1] ?? "", "base64url").toString("utf8"));
    expect(claims).toMatchObject({
      iss: `${pool.config.endpoint}/${pool.config.userPoolId}`,
      aud: pool.config.clientId,
      token_use: "id",
      sub: aliceSub,
    });
  });

  it("uses my location to list the nearest wineries with their distance", async () => {
    await page.getByTestId("locate").click();
    await expect.poll(() => page.getByTestId("winery").count()).toBe(5);
    await expect(page.getByTestId("lat").inputValue()).resolves.toBe(HOME.latitude.toFixed(5));
    const names = await page.getByTestId("winery").locator("strong").allTextContents();
    expect(names).toEqual(WINERIES.slice(0, 5));
    await expect(page.getByTestId("distance").first().textContent()).resolves.toBe("222 m");
  });

  it("loads more through the v2 cursor until the last page", async () => {
    await page.getByTestId("load-more").click();
    await expect.poll(() => page.getByTestId("winery").count()).toBe(7);
    await expect(page.getByTestId("load-more").isHidden()).resolves.toBe(true);
    await expect(page.getByTestId("summary").textContent()).resolves.toMatch(/^7 wineries within 25 km$/);
    await mkdir(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, "mobile-web-list.png"), fullPage: true });
  });

  it("opens a winery, favorites it and posts a review", async () => {
    await page.getByTestId("winery").first().click();
    await expect(page.getByTestId("winery-name").textContent()).resolves.toBe(WINERIES[0]);
    await page.getByTestId("no-reviews").waitFor();

    const favorite = page.getByTestId("favorite");
    await expect(favorite.getAttribute("aria-pressed")).resolves.toBe("false");
    await favorite.click();
    await expect.poll(() => favorite.getAttribute("aria-pressed")).toBe("true");

    await page.getByTestId("review-rating").selectOption("4");
    await page.getByTestId("review-text").fill("Tar and roses, a patient host.");
    await page.getByTestId("post-review").click();
    await page.getByTestId("review-thanks").waitFor();
    await expect(page.getByTestId("review").first().textContent()).resolves.toContain("Tar and roses");
    await expect(page.getByTestId("rating").textContent()).resolves.toBe("★ 4.0 (1 review)");

    await page.screenshot({ path: join(screenshots, "mobile-web.png"), fullPage: true });
  });

  it("really stored the favorite and the review, as the API tells another client", async () => {
    const { idToken } = await pool.signIn(ALICE.email, ALICE.password);
    const alice = createClient({ baseUrl: stage.origin, getToken: () => idToken });
    const favorites = await alice.listFavorites();
    expect(favorites.items.map((item) => item.winery.id)).toEqual([ids[0]]);
    const reviews = await alice.listReviews({ wineryId: ids[0]! });
    expect(reviews.items).toMatchObject([
      { author: { id: aliceSub }, rating: 4, text: "Tar and roses, a patient host." },
    ]);
  });

  it("keeps the favorite when the winery is opened again, and the list comes back", async () => {
    await page.getByTestId("back").click();
    await expect.poll(() => page.getByTestId("winery").count()).toBe(7);
    await page.getByTestId("winery").first().click();
    await expect.poll(() => page.getByTestId("favorite").getAttribute("aria-pressed")).toBe("true");
  });

  it("logged no errors in the page", () => {
    expect(pageErrors).toEqual([]);
  });

  it("renews a refused ID token with the refresh token, without asking again", async () => {
    await page.evaluate(() => {
      const tokens = JSON.parse(sessionStorage.getItem("cellar.session") ?? "{}") as { idToken: string };
      sessionStorage.setItem("cellar.session", JSON.stringify({ ...tokens, idToken: "not-a-token" }));
    });
    await page.reload();
    await page.getByTestId("signed-in-as").waitFor();
    await page.getByTestId("locate").click();
    await expect.poll(() => page.getByTestId("winery").count()).toBe(5);
    await page.getByTestId("winery").first().click();
    // Reading the favorite is a secured call: a 401, then REFRESH_TOKEN_AUTH, then the retry.
    await expect.poll(() => page.getByTestId("favorite").getAttribute("aria-pressed")).toBe("true");
    const stored = await page.evaluate(() => sessionStorage.getItem("cellar.session"));
    expect((JSON.parse(stored ?? "{}") as { idToken: string }).idToken.split(".")).toHaveLength(3);
  });

  it("signs out by revoking the refresh token at Cognito", async () => {
    const stored = await page.evaluate(() => sessionStorage.getItem("cellar.session"));
    const { refreshToken } = JSON.parse(stored ?? "{}") as { refreshToken: string };
    await expect(pool.refresh(refreshToken)).resolves.toMatch(/^ey/);
    await page.getByTestId("sign-out").click();
    await page.getByTestId("sign-in").waitFor();
    await expect
      .poll(() => pool.refresh(refreshToken).then(String, (error: Error) => error.name))
      .toBe("NotAuthorizedException");
  });

  it("falls back to the local token endpoint when /config.json names no user pool", async () => {
    const local = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    try {
      const other = await local.newPage();
      await other.route("**/config.json", (route) =>
        route.fulfill({
          contentType: "application/json",
          body: JSON.stringify({ apiBaseUrl: stage.origin }),
        }),
      );
      await other.goto(`${stage.origin}/app/`);
      await expect(other.getByTestId("sign-in-password").count()).resolves.toBe(0);
      await other.getByTestId("sign-in-name").fill("bob");
      await other.getByTestId("sign-in").click();
      await expect.poll(() => other.getByTestId("signed-in-as").textContent()).toBe("bob");
    } finally {
      await local.close();
    }
  });

  it("creates an account, confirms it with the e-mailed code and signs in", async () => {
    const other = await browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const fresh = await other.newPage();
      await fresh.goto(`${stage.origin}/app/`);
      await fresh.getByTestId("sign-in-name").fill("erin@example.com");
      await fresh.getByTestId("sign-in-password").fill("Erins-Own-Pass-3");
      await fresh.getByTestId("sign-up").click();
      await fresh.getByTestId("sign-up-code").fill(SIGN_UP_CODE);
      await fresh.getByTestId("sign-in").click();
      await expect.poll(() => fresh.getByTestId("signed-in-as").textContent()).toBe("erin@example.com");
      // A real account in the pool now: the same password signs in outside the browser too.
      await expect(pool.signIn("erin@example.com", "Erins-Own-Pass-3")).resolves.toMatchObject({
        idToken: expect.stringMatching(/^ey/),
      });
    } finally {
      await other.close();
    }
  });

  it("refuses a wrong password with Cognito's own message", async () => {
    const other = await browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const fresh = await other.newPage();
      await fresh.goto(`${stage.origin}/app/`);
      await fresh.getByTestId("sign-in-name").fill(ALICE.email);
      await fresh.getByTestId("sign-in-password").fill("Not-Her-Password-1");
      await fresh.getByTestId("sign-in").click();
      await expect.poll(() => fresh.locator("#status").textContent()).toMatch(/password/i);
      await expect(fresh.getByTestId("signed-in-as").count()).resolves.toBe(0);
    } finally {
      await other.close();
    }
  });

  it("falls back to typed coordinates when location is refused", async () => {
    const denied = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    try {
      const other = await denied.newPage();
      await other.goto(`${stage.origin}/app/`);
      await other.getByTestId("locate").click();
      // The hint is there (hidden, empty) from the start: wait for the refusal to fill it.
      await expect
        .poll(() => other.getByTestId("location-hint").textContent())
        .toMatch(/Type coordinates instead/);
      await other.getByTestId("lat").fill(String(HOME.latitude));
      await other.getByTestId("lng").fill(String(HOME.longitude));
      await other.getByTestId("radius").selectOption("5000");
      await other.getByTestId("search").click();
      await expect.poll(() => other.getByTestId("winery").count()).toBe(5);
    } finally {
      await denied.close();
    }
  });
});
