// The widget's weight budget: what a page that embeds it downloads (widget-size.mjs follows the imports), measured
// raw, as a crude minified-equivalent (comments, indentation and blank lines removed) and gzipped at level 9.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { languageFiles, measure, pageModules, sum } from './widget-size.mjs';

/** Strips comments that start a line, block comments, indentation and blank lines. Never touches strings. */
function minifiedEquivalent(file, source) {
  return source
    .replace(/^\s*\/\*[\s\S]*?\*\/\s*$/gm, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('//') && !line.startsWith('*') && !line.startsWith('/**'))
    .join('\n');
}

test('the page loads the widget modules and exactly one language file per language', () => {
  const modules = pageModules();
  assert.deepEqual(modules.slice(0, 2), ['widget.js', 'element.js']);
  assert.ok(modules.includes('i18n.js') && modules.includes('style.js'), modules.join(' '));
  assert.ok(!modules.some((f) => f.startsWith('texts/')), 'language files load on demand');
  assert.deepEqual(languageFiles(), ['texts/de.js', 'texts/en.js', 'texts/et.js', 'texts/tr.js']);
});

// A regression budget on this crude estimate (no identifier mangling, so it reads ~25 % above a real minifier;
// `make size-widget` measures every module minified with esbuild).
test('the widget stays within its weight budget', () => {
  const rows = [...measure(pageModules(), minifiedEquivalent), ...measure(['texts/tr.js'], minifiedEquivalent)];
  const size = { raw: sum(rows, 'raw'), minified: sum(rows, 'min'), gzip: sum(rows, 'gzip') };
  console.log(`# widget size: raw ${size.raw} B, comments/indentation stripped ${size.minified} B, gzip -9 ${size.gzip} B`);
  assert.ok(size.minified < 38 * 1024, `stripped ${size.minified} B`);
  assert.ok(size.gzip < 14 * 1024, `gzip ${size.gzip} B`);
});
