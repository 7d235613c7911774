/**
 * `npm run build:single`: the whole app in one HTML file (dist-single/ambient-packet-walk.html)
 * that works opened from file:// with no network — for a conference laptop. Module scripts from
 * file:// are blocked by the browser, so the script and the styles are inlined into the page.
 * (This file cannot meet the strict CSP of the normal build, which forbids inline script.)
 */
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { defaultWalkPlugin, prerenderPlugin } from './vite.plugins';

function inlineIntoHtml(): Plugin {
  return {
    name: 'ambient-walk-inline-into-html',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const html = Object.values(bundle).find(
        (f) => f.type === 'asset' && f.fileName.endsWith('.html'),
      );
      if (!html || html.type !== 'asset') throw new Error('no HTML in the bundle');
      // public/boot.js (which hides the pre-rendered view from links with a query) goes in
      // the page too: the one file must need nothing beside it.
      const boot = readFileSync('public/boot.js', 'utf8');
      let source = String(html.source).replace(
        /<script\s+src="\.\/boot\.js"><\/script>/,
        () => `<script>${boot}</script>`,
      );
      if (source.includes('boot.js')) throw new Error('boot.js was not inlined');
      // index.html's note for a page opened from file:// names this very file: not in it.
      source = source
        .replace(/<!--[^>]*?file:\/\/[^>]*?-->\s*/, '')
        .replace(/<p\s+class="file-hint"[\s\S]*?<\/p>\s*/, '');
      if (source.includes('file-hint')) throw new Error('the file:// note was not removed');
      for (const [name, file] of Object.entries(bundle)) {
        if (file.type === 'chunk' && file.isEntry) {
          // `</script` inside the code would end the inline element early. Dynamic imports are
          // inlined, so Vite's preload list placeholder has nothing to list.
          const code = file.code
            .replace(/__VITE_PRELOAD__/g, 'void 0')
            .replace(/<\/script/gi, '<\\/script');
          source = source.replace(
            new RegExp(`<script[^>]*src="[^"]*${escape(name)}"[^>]*></script>`),
            () => `<script type="module">${code}</script>`,
          );
          delete bundle[name];
        } else if (file.type === 'asset' && name.endsWith('.css')) {
          source = source.replace(
            new RegExp(`<link[^>]*href="[^"]*${escape(name)}"[^>]*>`),
            () => `<style>${String(file.source)}</style>`,
          );
          delete bundle[name];
        }
      }
      source = source.replace(/<link rel="modulepreload"[^>]*>/g, '');
      const leftovers = Object.keys(bundle).filter(
        (k) => k !== html.fileName && !k.endsWith('.svg'),
      );
      if (leftovers.length) throw new Error(`not inlined: ${leftovers.join(', ')}`);
      html.source = source;
      html.fileName = 'ambient-packet-walk.html';
    },
  };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export default defineConfig({
  base: './',
  plugins: [react(), defaultWalkPlugin(), prerenderPlugin(), inlineIntoHtml()],
  publicDir: false,
  build: {
    outDir: 'dist-single',
    emptyOutDir: true,
    target: 'es2022',
    cssCodeSplit: false,
    assetsInlineLimit: Number.MAX_SAFE_INTEGER,
    rollupOptions: {
      output: { inlineDynamicImports: true },
    },
  },
});
