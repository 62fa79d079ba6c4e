import browser from 'webextension-polyfill';

// The panel title is also its identity in DevTools ("Refresh Lens" -> the
// panel id tests use with DevToolsAPI.showPanel), so keep it stable.
void browser.devtools.panels.create('Refresh Lens', '', '/src/panel/panel.html');
