import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'happy-dom',
      include: ['src/**/*.spec.ts'],
      restoreMocks: true,
      unstubGlobals: true,
      // Element Plus and Vant components bring their stylesheets (unplugin-vue-components' importStyle): Vite must load
      // the kits for those imports to resolve, as Node cannot import a .css file.
      server: { deps: { inline: [/element-plus/, /vant/] } },
      // The app's own global stylesheet is read as text by a spec that checks its rules (focus-ring.spec.ts); other
      // stylesheets stay empty in tests, as by default.
      css: { include: [/src[\\/]styles[\\/]base\.css/] },
    },
  }),
);
