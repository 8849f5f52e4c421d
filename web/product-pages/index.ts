// The products' own pages for a real browser: a scenario's lab, its IIS sites
// over real HTTPS on loopback (the bound certificates, their real keys, the
// same handlers), Netwrix Password Reset over real UDP, and a Chromium that
// reaches the lab by name and trusts what a lab client trusts.
export { runScenarioLab } from "./scenario-lab.ts";
export { servePages, defaultClient } from "./serve-pages.ts";
export { pageNames } from "./page-names.ts";
export { startAprRealFront } from "./apr-real-front.ts";
export { RealAprServers } from "./real-apr-servers.ts";
export { RoutedSockets } from "./routed-sockets.ts";
export { trustedRoots, chromiumTrustPreferences, writeChromiumProfile } from "./browser-trust.ts";
export { hostResolverRules, launchPagesBrowser } from "./pages-chromium.ts";
export { browserFailure, explainBrowserFailure } from "./browser-failure.ts";
export { pagesText } from "./pages-text.ts";

export type { ScenarioLab, ScenarioLabOptions } from "./scenario-lab.ts";
export type { PagesServer, ServePagesOptions, ServedCertificate, ServedSite, UnservedSite } from "./serve-pages.ts";
export type { AprRealFront } from "./apr-real-front.ts";
export type { RealAprServer } from "./real-apr-servers.ts";
export type { Route } from "./routed-sockets.ts";
export type { PagesBrowserOptions } from "./pages-chromium.ts";
export type { BrowserFailure } from "./browser-failure.ts";
export type { PagesTextOptions } from "./pages-text.ts";
