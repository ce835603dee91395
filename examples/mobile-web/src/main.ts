import { isApiError, NetworkError, TimeoutError } from "@cellar/sdk/v2";
import { type AppConfig, loadAppConfig } from "./app-config.js";
import { mountDetailView } from "./detail.view.js";
import { byId } from "./dom.js";
import { mountSearchView } from "./search.view.js";
import { createSession } from "./session.js";
import { mountSessionBar } from "./session.view.js";

const status = byId("status");
let clearStatus: ReturnType<typeof setTimeout> | undefined;

function say(message: string): void {
  status.textContent = message;
  clearTimeout(clearStatus);
  clearStatus = setTimeout(() => {
    status.textContent = "";
  }, 4_000);
}

/** The SDK's typed errors become messages a user can act on. */
function report(error: unknown): void {
  if (isApiError(error))
    say(error.problem?.detail ?? error.problem?.title ?? `The server answered ${error.status}.`);
  else if (error instanceof TimeoutError) say("The server is taking too long. Please try again.");
  else if (error instanceof NetworkError) say("You seem to be offline.");
  else say(error instanceof Error ? error.message : String(error));
}

/**
 * Where the API and the user pool are comes from `/config.json` (written by the Site stack, served
 * by the local stage); `?api=` still points a packaged app at another API.
 */
function start(config: AppConfig): void {
  const api = new URLSearchParams(location.search).get("api");
  const session = createSession(api ? { ...config, apiBaseUrl: api } : config);
  const searchView = byId("search-view");
  const detailView = byId("detail-view");
  const detail = mountDetailView(detailView, {
    session,
    report,
    say,
    onBack: () => {
      detailView.hidden = true;
      searchView.hidden = false;
    },
  });
  mountSessionBar(byId("session"), session, report);
  mountSearchView(searchView, {
    client: session.client,
    report,
    onOpen: (wineryId) => {
      searchView.hidden = true;
      void detail.open(wineryId);
    },
  });
}

loadAppConfig(location.origin).then(start).catch(report);
