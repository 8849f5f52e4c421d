// The presales dashboard (`lab serve`): a node:http server over sim/scenario
// and a page of plain modules; no lab logic here, only the report's JSON.
export { DEFAULT_HOST, DEFAULT_PORT, isLoopbackHost, startDashboard } from "./dashboard-server.ts";
export { catalogView } from "./catalog-view.ts";
export { CatalogCache } from "./catalog-cache.ts";
export { parseRunRequest, runRequested } from "./run-request.ts";
export { readLastReport } from "./last-report.ts";
export { CLIENT_DIR, ClientModules } from "./client-modules.ts";
export { ZONE_ORDER, describeRule, estateChanges, estateFromLab, estateStory, rulesBetween } from "./client/estate-view.ts";
export { parseRoute, routeHash } from "./client/route.ts";
export { estateText } from "./estate-text.ts";
export { openInBrowser } from "./open-browser.ts";
export { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumAvailability, launchChromium, type LaunchOptions } from "./chromium.ts";
export { SCREENSHOTS_DIR, listScreenshots, screenshotGalleryHtml, screenshotPath } from "./screenshot-gallery.ts";

export type { DashboardOptions, DashboardServer } from "./dashboard-server.ts";
export type { LoadedCatalog } from "./catalog-cache.ts";
export type { ApiErrorBody, CatalogProduct, CatalogScenario, CatalogView, RunRequest } from "./client/api-types.ts";
export type { EstateHost, EstateRule, EstateStory, EstateView, ResultWithEstate, ZoneName } from "./client/estate-view.ts";
export type { Route } from "./client/route.ts";
export type { OpenAttempt } from "./open-browser.ts";
export type { ChromiumAvailability, ChromiumSession } from "./chromium.ts";
export type { Screenshot } from "./screenshot-gallery.ts";
