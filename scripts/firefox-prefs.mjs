/**
 * Firefox settings for every Firefox this project starts (Debian's firefox-esr, driven by
 * puppeteer-core over WebDriver BiDi). Firefox phones home from many services; each one is either
 * switched off or pointed at a closed loopback port, and as a last line every request for a
 * non-loopback host goes through a loopback proxy that records and refuses it
 * (scripts/network-sink.mjs), so nothing can leave the machine even if a service is missed.
 */

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** A closed port on loopback: whatever is pointed here fails at once. */
export const DEAD_END = 'http://127.0.0.1:1/';

/**
 * Remote Settings only honours `services.settings.server` when this variable is set;
 * without it Firefox keeps asking firefox.settings.services.mozilla.com.
 */
export const FIREFOX_ENV = { MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' };

/** Prefs that keep Firefox's own services off the network. */
export const NETWORK_PREFS = {
  // Remote Settings (blocklists, CRLite, intermediates, search config, ...).
  'services.settings.server': DEAD_END,
  'services.settings.preview_enabled': false,
  'security.remote_settings.crlite_filters.enabled': false,
  'security.remote_settings.intermediates.enabled': false,
  'extensions.blocklist.enabled': false,
  // Telemetry, health report, studies, crash reports.
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.server': DEAD_END,
  'toolkit.telemetry.shutdownPingSender.enabled': false,
  'toolkit.telemetry.firstShutdownPing.enabled': false,
  'toolkit.telemetry.newProfilePing.enabled': false,
  'toolkit.telemetry.updatePing.enabled': false,
  'toolkit.telemetry.bhrPing.enabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.usage.uploadEnabled': false,
  'app.normandy.enabled': false,
  'app.normandy.api_url': DEAD_END,
  'app.shield.optoutstudies.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  'nimbus.rollouts.enabled': false,
  'browser.crashReports.unsubmittedCheck.autoSubmit2': false,
  'breakpad.reportURL': '',
  'browser.ping-centre.telemetry': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.newtabpage.activity-stream.feeds.telemetry': false,
  'browser.newtabpage.activity-stream.feeds.snippets': false,
  'browser.newtabpage.activity-stream.feeds.section.topstories': false,
  'browser.newtabpage.activity-stream.feeds.system.topstories': false,
  'browser.newtabpage.activity-stream.default.sites': '',
  'browser.topsites.contile.enabled': false,
  'browser.discovery.enabled': false,
  // Updates of the app, add-ons, system add-ons, search engines, GMP plugins (OpenH264, Widevine).
  'app.update.auto': false,
  'app.update.enabled': false,
  'app.update.url': DEAD_END,
  'app.update.url.override': DEAD_END,
  'extensions.update.enabled': false,
  'extensions.update.url': DEAD_END,
  'extensions.update.background.url': DEAD_END,
  'extensions.systemAddon.update.enabled': false,
  'extensions.systemAddon.update.url': DEAD_END,
  'extensions.getAddons.cache.enabled': false,
  'extensions.getAddons.discovery.api_url': DEAD_END,
  'extensions.webservice.discoverURL': DEAD_END,
  'browser.search.update': false,
  'browser.search.geoip.url': DEAD_END,
  'browser.region.network.url': DEAD_END,
  'browser.region.update.enabled': false,
  'media.gmp-manager.url': DEAD_END,
  'media.gmp-manager.updateEnabled': false,
  'media.gmp-gmpopenh264.autoupdate': false,
  'media.gmp-widevinecdm.enabled': false,
  'media.eme.enabled': false,
  // Safe Browsing.
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.provider.google.updateURL': '',
  'browser.safebrowsing.provider.google.gethashURL': '',
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.google4.gethashURL': '',
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.safebrowsing.provider.mozilla.gethashURL': '',
  'privacy.trackingprotection.enabled': false,
  // Captive portal and connectivity checks, push, sync, accounts, geolocation, time.
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'captivedetect.canonicalURL': DEAD_END,
  'dom.push.enabled': false,
  'dom.push.connection.enabled': false,
  'dom.push.serverURL': 'ws://127.0.0.1:1/',
  'identity.fxaccounts.enabled': false,
  'services.sync.engine.addons': false,
  'geo.enabled': false,
  'geo.provider.network.url': DEAD_END,
  'network.sntp.pools': '127.0.0.1',
  // Certificate status and pinning lookups.
  'security.OCSP.enabled': 0,
  'security.certerrors.mitm.priming.enabled': false,
  'security.pki.crlite_mode': 0,
  // No guessing ahead: prefetch, preconnect, DNS prefetch, DNS over HTTPS.
  'network.dns.disablePrefetch': true,
  'network.dns.disablePrefetchFromHTTPS': true,
  'network.prefetch-next': false,
  'network.predictor.enabled': false,
  'network.http.speculative-parallel-limit': 0,
  'browser.urlbar.speculativeConnect.enabled': false,
  'browser.places.speculativeConnect.enabled': false,
  'network.trr.mode': 5,
  'network.trr.uri': DEAD_END,
  'network.trr.confirmationNS': 'skip',
  // WebRTC: no mDNS host-name candidates (they go out as multicast), no default STUN servers.
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.default_iceservers': '[]',
  // Start quietly.
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.page': 0,
  'browser.startup.homepage': 'about:blank',
  'browser.startup.homepage_override.mstone': 'ignore',
  'startup.homepage_welcome_url': '',
  'startup.homepage_welcome_url.additional': '',
  'browser.aboutwelcome.enabled': false,
  'browser.newtabpage.enabled': false,
  'browser.translations.enable': false,
  'browser.ml.enable': false,
  'extensions.pocket.enabled': false,
  'browser.vpn_promo.enabled': false,
};

/** Every request for a host that is not loopback goes to `sinkUrl` (see network-sink.mjs). */
export function proxyPrefs(sinkUrl) {
  const { hostname, port } = new URL(sinkUrl);
  return {
    'network.proxy.type': 1,
    'network.proxy.http': hostname,
    'network.proxy.http_port': Number(port),
    'network.proxy.ssl': hostname,
    'network.proxy.ssl_port': Number(port),
    'network.proxy.share_proxy_settings': true,
    'network.proxy.socks': '',
    'network.proxy.socks_remote_dns': true,
    'network.proxy.no_proxies_on': 'localhost, 127.0.0.1, [::1]',
    'network.proxy.allow_hijacking_localhost': false,
    'network.proxy.failover_direct': false,
  };
}

/** A fake camera and microphone with no prompt, and media that may play without a gesture. */
export const MEDIA_PREFS = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  'media.autoplay.block-webaudio': false,
  // The machine has no sound card: with the real audio backend an AudioContext never starts
  // (it stays 'suspended'), so Web Audio (the loopback's volume meter) runs on Firefox's mock backend.
  'media.cubeb.force_mock_context': true,
};

export function firefoxPrefs({ sinkUrl }) {
  return { ...NETWORK_PREFS, ...proxyPrefs(sinkUrl), ...MEDIA_PREFS };
}
