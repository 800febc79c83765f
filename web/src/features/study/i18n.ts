/**
 * Study messages that must exist before any study screen opens — the tab and menu labels and the page titles —
 * registered in src/i18n with one spread line per locale. The screens' own words load with their routes
 * (load-messages.ts): members never download the administrators' words, and nobody downloads English unless in use.
 * Each language is a module of its own, so English travels in the English chunk (loaded when first chosen), not in
 * the app's first download.
 */
export { zhCN } from './i18n.zh-CN';
export { en } from './i18n.en';
