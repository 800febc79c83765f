/** A person-readable browser and system from a user agent, for the session list. Unknown parts are null. */
export function describeUserAgent(ua: string): { browser: string | null; os: string | null } {
  const browsers: [RegExp, string][] = [
    [/MicroMessenger\//, 'WeChat'],
    [/DingTalk\//, 'DingTalk'],
    [/EdgA?\/|Edge\//, 'Edge'],
    [/OPR\/|Opera\//, 'Opera'],
    [/SamsungBrowser\//, 'Samsung Internet'],
    [/UCBrowser\//, 'UC Browser'],
    [/QQBrowser\//, 'QQ Browser'],
    [/Firefox\/|FxiOS\//, 'Firefox'],
    [/HeadlessChrome\//, 'Headless Chrome'],
    [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
    [/Version\/[\d.]+.*Safari\//, 'Safari'],
    [/^curl\//, 'curl'],
  ];
  const systems: [RegExp, string][] = [
    [/HarmonyOS|OpenHarmony/, 'HarmonyOS'],
    [/Android/, 'Android'],
    [/iPhone|iPad|iPod/, 'iOS'],
    [/Windows/, 'Windows'],
    [/Mac OS X|Macintosh/, 'macOS'],
    [/CrOS/, 'ChromeOS'],
    [/Linux/, 'Linux'],
  ];
  return {
    browser: browsers.find(([re]) => re.test(ua))?.[1] ?? null,
    os: systems.find(([re]) => re.test(ua))?.[1] ?? null,
  };
}
