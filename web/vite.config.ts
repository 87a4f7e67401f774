import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

/*
 * Vendor chunks: `vue` (core), `element-plus` (portal + admin only) and `vant` (mobile only). Areas are
 * lazy routes, so the mobile area never downloads the Element Plus chunk and vice versa.
 *
 * Pages import both UI libraries only through src/ui/element-plus.ts and src/ui/vant.ts, which use deep
 * per-component imports. That matters here: Rollup puts every module of a manual chunk into it, and the
 * libraries' barrels (with their install-all plugins) would otherwise drag every component along
 * (Element Plus: ~940 kB for all components instead of the ~570 kB, 190 kB gzipped, of those the app uses).
 */
const chunkGroups: ReadonlyArray<readonly [chunk: string, packages: readonly string[]]> = [
  [
    'element-plus',
    [
      'element-plus',
      '@element-plus',
      '@floating-ui',
      '@popperjs',
      '@ctrl',
      '@vueuse',
      'async-validator',
      'dayjs',
      'lodash-es',
      'lodash-unified',
      'memoize-one',
      'normalize-wheel-es',
      'escape-html',
    ],
  ],
  ['vant', ['vant', '@vant']],
  ['vue', ['vue', '@vue', 'vue-router', 'pinia', 'vue-i18n', '@intlify']],
];

/** `…/node_modules/@scope/pkg/…` → `@scope/pkg`; the innermost node_modules wins. */
function packageOf(id: string): string | null {
  const path = id.replaceAll('\\', '/');
  const at = path.lastIndexOf('/node_modules/');
  if (at < 0) return null;
  const [first, second] = path.slice(at + '/node_modules/'.length).split('/');
  if (!first) return null;
  return first.startsWith('@') && second ? `${first}/${second}` : first;
}

function manualChunks(id: string): string | undefined {
  const pkg = packageOf(id);
  if (!pkg) return undefined;
  const scope = pkg.split('/')[0] ?? pkg;
  return chunkGroups.find(([, packages]) => packages.includes(pkg) || packages.includes(scope))?.[0];
}

export default defineConfig({
  base: '/',
  plugins: [vue()],
  // pure rules shared with the server (server/src/shared/README.md)
  resolve: { alias: { '@shared': fileURLToPath(new URL('../server/src/shared', import.meta.url)) } },
  define: {
    __VUE_I18N_FULL_INSTALL__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  server: {
    proxy: {
      // TONGBAN_API: a server on another port (several people running dev servers side by side)
      '/api': { target: process.env.TONGBAN_API ?? 'http://localhost:8080', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The Element Plus chunk (~570 kB, ~190 kB gzipped) is one long-cached vendor file for the PC areas.
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: { manualChunks },
    },
  },
});
