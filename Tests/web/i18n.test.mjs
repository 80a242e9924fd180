import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PUBLIC } from './helpers.mjs';

const { LANGUAGES, AUTONYMS, LOADED, loadTexts, negotiate, format, translator, formatDays, formatTime, languageName } =
  await import(new URL('widget/i18n.js', PUBLIC));
const CATALOGUE = Object.fromEntries(await Promise.all(LANGUAGES.map(async (lang) => [lang, await loadTexts(lang)])));

function leaves(obj, prefix = '') {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v]]));
}
const placeholders = (s) => [...String(s).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('catalogue covers de, en, et, tr with the same keys', () => {
  assert.deepEqual(Object.keys(AUTONYMS).sort(), [...LANGUAGES].sort());
  assert.deepEqual(Object.keys(LOADED).sort(), [...LANGUAGES].sort());
  const english = new Map(leaves(CATALOGUE.en));
  for (const lang of LANGUAGES) {
    const entries = new Map(leaves(CATALOGUE[lang]));
    assert.deepEqual([...entries.keys()].sort(), [...english.keys()].sort(), `keys of ${lang}`);
    for (const [key, value] of entries) {
      assert.equal(typeof value, 'string', `${lang}.${key}`);
      assert.ok(value.trim().length > 0, `${lang}.${key} is empty`);
      assert.deepEqual(placeholders(value), placeholders(english.get(key)), `${lang}.${key} placeholders`);
    }
  }
});

test('a language outside the catalogue loads the fallback texts; texts load once', async () => {
  assert.equal(await loadTexts('../../console/texts'), CATALOGUE.en);
  assert.equal(await loadTexts('tr'), CATALOGUE.tr);
  assert.equal(translator('tr', { tr: { a: { b: 'c' } } })('a.b'), 'c');
  assert.equal(translator('tr', { tr: {} })('missing'), 'missing');
});

test('texts are really translated, not English copies', () => {
  for (const lang of ['de', 'et', 'tr']) {
    for (const key of ['title', 'placeholder', 'send', 'machineTranslated', 'showOriginal', 'noOperator', 'reconnecting']) {
      assert.notEqual(CATALOGUE[lang][key], CATALOGUE.en[key], `${lang}.${key}`);
    }
  }
});

test('negotiates browser languages to de/en/et/tr', () => {
  assert.equal(negotiate(['tr-TR', 'en-US']), 'tr');
  assert.equal(negotiate(['fr-FR', 'et']), 'et');
  assert.equal(negotiate(['DE_at']), 'de');
  assert.equal(negotiate(['fr', 'es']), 'en');
  assert.equal(negotiate([]), 'en');
  assert.equal(negotiate(undefined), 'en');
  assert.equal(negotiate([null, 42, 'de']), 'de');
});

test('formats numbers and plurals with Intl in the language', () => {
  assert.equal(format('de', 'in {n} s', { n: 1500 }), 'in 1.500 s');
  assert.equal(format('en', 'in {n} s', { n: 1500 }), 'in 1,500 s');
  const t = translator('de');
  assert.equal(t('newMessages', { count: 1 }), '1 neue Nachricht');
  assert.equal(t('newMessages', { count: 3 }), '3 neue Nachrichten');
  assert.equal(translator('et')('newMessages', { count: 2 }), '2 uut sõnumit');
  assert.equal(translator('tr')('reconnecting', { seconds: 4 }), 'Bağlantı koptu, 4 sn içinde yeniden bağlanılıyor…');
  assert.equal(translator('de')('quality.machine'), 'maschinell');
  assert.equal(translator('xx')('send'), 'Send');
  assert.equal(format('en', 'keep {unknown}', {}), 'keep {unknown}');
});

test('days, times and language names come from Intl in the visitor language', () => {
  assert.match(formatDays('de', 1, 5), /^Mo\.?–Fr\.?$/);
  assert.match(formatDays('en', 1, 5), /^Mon–Fri$/);
  assert.equal(formatTime('de', new Date(Date.UTC(2024, 0, 1, 14, 5)), 'UTC'), '14:05');
  assert.match(formatTime('en', new Date(Date.UTC(2024, 0, 1, 14, 5)), 'UTC'), /^2:05\s?PM$/);
  assert.equal(languageName('tr', 'de'), 'Türkisch');
  assert.equal(languageName('de', 'tr'), 'Almanca');
});
