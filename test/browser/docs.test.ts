import { resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../local/support/local-stage-harness.js";
import { launchChromium } from "./support/chromium.js";

const repoRoot = resolve(import.meta.dirname, "../..");
/** The attribution image in Redoc's sidebar: the reference's only outside request, hidden when it fails. */
const REDOC_ATTRIBUTION = /^https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(-full)?\.svg$/;

/** The committed docs on the local stage, in Chromium at an iPhone's 390 x 844, offline. */
describe("the docs on a 390 px screen", () => {
  let harness: Harness;
  let browser: Browser;
  let context: BrowserContext;
  let origin = "";
  const pageErrors: string[] = [];
  const outsideRequests: string[] = [];

  beforeAll(async () => {
    harness = await startHarness({ docsDir: resolve(repoRoot, "docs") });
    origin = `http://127.0.0.1:${harness.port}`;
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    // Offline, as a reader with only the files would be: anything from elsewhere is refused and recorded.
    await context.route(
      (url) => url.origin !== origin,
      (route) => {
        outsideRequests.push(route.request().url());
        return route.abort();
      },
    );
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(`${path}: ${error.message}`));
    page.on("console", (message) => {
      // The refused attribution image is the one expected failure.
      if (message.type() === "error" && !/ERR_FAILED|ERR_INTERNET_DISCONNECTED/.test(message.text()))
        pageErrors.push(`${path}: ${message.text()}`);
    });
    await page.goto(`${origin}${path}`);
    await page.waitForLoadState("networkidle");
    return page;
  }

  const horizontalOverflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  it("opens /docs/v2 on the reference, with the spec's Markdown rendered", async () => {
    const page = await open("/docs/v2");
    expect(page.url()).toBe(`${origin}/docs/v2/`);
    await expect(page.title()).resolves.toBe("Cellar API v2 reference");
    await page
      .locator("h2", { hasText: /^Versions$/ })
      .first()
      .waitFor();
    const text = await page.locator("body").innerText();
    expect(text).not.toContain("## Versions");
    expect(text).not.toContain("`/v2`");
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.close();
  });

  it("shows an operation's SDK and curl samples, and the page still fits", async () => {
    const page = await open("/docs/v2/#/wineries");
    await page.getByText("await cellar.listWineries(", { exact: false }).first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    // The samples' language is one choice for the whole page: SDK first, curl in the same menu.
    await page.getByRole("button", { name: "SDK" }).first().click();
    await page.getByRole("menuitem", { name: "curl" }).first().click();
    await page.getByText("curl 'https://api.cellar.example/v2/wineries?", { exact: false }).first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.close();
  });

  it("offers the spec for download: the link fetches this version's OpenAPI document", async () => {
    const page = await open("/docs/v2/");
    const link = page.locator('a[href="/docs/v2/openapi.json"]').first();
    await link.waitFor({ state: "attached" });
    const response = await page.request.get(new URL((await link.getAttribute("href"))!, page.url()).href);
    expect(response.headers()["content-type"]).toBe("application/json");
    const spec = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toBe("3.0.3");
    expect(Object.keys(spec.paths)).toContain("/v2/wineries");
    expect(Object.keys(spec.paths).every((path) => path.startsWith("/v2/"))).toBe(true);
    await page.close();
  });

  it.each(["/docs/", "/docs/v1/", "/docs/v2/sdk.html", "/docs/v1/sdk.html", "/docs/changelog.html"])(
    "fits %s without scrolling sideways",
    async (path) => {
      const page = await open(path);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await page.close();
    },
  );

  it("links the SDK guide from the reference, and back", async () => {
    const page = await open("/docs/v2/");
    await page.getByRole("link", { name: "Getting started with the SDK" }).first().click();
    await page.waitForURL(`${origin}/docs/v2/sdk.html`);
    await expect(page.locator("main h1").textContent()).resolves.toBe("Getting started with the SDK");
    await expect(page.locator("main").textContent()).resolves.toContain("@cellar/sdk/v2");
    await page.getByRole("link", { name: "v2 reference" }).click();
    await page.waitForURL(`${origin}/docs/v2/`);
    await expect(page.title()).resolves.toBe("Cellar API v2 reference");
    await page.close();
  });

  it("logged no errors and asked nothing from elsewhere but Redoc's attribution image", () => {
    expect(pageErrors).toEqual([]);
    expect(outsideRequests.filter((url) => !REDOC_ATTRIBUTION.test(url))).toEqual([]);
  });
});
