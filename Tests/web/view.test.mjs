import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PUBLIC, fakeDocument, HOSTILE } from './helpers.mjs';

const { el, messageModel, langAttr, bubble } = await import(new URL('widget/view.js', PUBLIC));
const { safeHref } = await import(new URL('console/views.js', PUBLIC));
const { loadTexts, translator } = await import(new URL('widget/i18n.js', PUBLIC));
const { decode } = await import(new URL('widget/connection.js', PUBLIC));

test('hostile payloads become text nodes only, character for character', () => {
  for (const payload of HOSTILE) {
    const node = el(fakeDocument, 'div', { class: 'bubble', attrs: { dir: 'auto' }, text: payload });
    assert.equal(node.textContent, payload);
    assert.deepEqual(node.elements.map((e) => e.nodeName), ['DIV'], 'no element was created from the payload');
    const child = el(fakeDocument, 'p', {}, [payload]);
    assert.equal(child.children[0].kind, 'text');
  }
});

test('event handler, src, href and style attributes cannot be set', () => {
  for (const name of ['onerror', 'onclick', 'src', 'href', 'style', 'srcdoc', 'formaction']) {
    assert.throws(() => el(fakeDocument, 'div', { attrs: { [name]: 'x' } }), /not allowed/);
  }
  assert.equal(el(fakeDocument, 'button', { attrs: { 'aria-expanded': 'false' } }).attributes['aria-expanded'], 'false');
});

test('a hostile message from the wire stays plain text in the view model', () => {
  for (const payload of HOSTILE) {
    const event = decode(JSON.stringify({
      type: 'message', seq: 3, sender: { role: 'operator', name: payload }, text: payload, language: 'de',
      translation: { text: payload, language: 'tr', engine: 'phrasebook', quality: 'phrasebook' },
    }));
    const model = messageModel(event.message, 'tr', 'visitor');
    assert.equal(model.text, payload);
    assert.equal(model.original, payload);
    for (const value of Object.values(model)) assert.ok(value === null || typeof value !== 'object');
  }
});

test('operator replies show the translation with the machine-translated label and the original', () => {
  const message = decode(JSON.stringify({
    type: 'message', seq: 7, sender: { role: 'operator', name: 'Jonas' }, text: 'Ihre Bestellung ist unterwegs.', language: 'de',
    translation: { text: 'Siparişiniz yolda.', language: 'tr', engine: 'phrasebook', quality: 'phrasebook' },
  })).message;
  const m = messageModel(message, 'tr', 'visitor');
  assert.equal(m.text, 'Siparişiniz yolda.');
  assert.equal(m.translated, true);
  assert.equal(m.quality, 'phrasebook');
  assert.equal(m.original, 'Ihre Bestellung ist unterwegs.');
  assert.equal(m.originalLanguage, 'de');
  const own = messageModel({ ...message, role: 'visitor' }, 'tr', 'visitor');
  assert.equal(own.translated, false, 'own messages show what was typed');
  assert.equal(own.text, 'Ihre Bestellung ist unterwegs.');
  const other = messageModel(message, 'et', 'visitor');
  assert.equal(other.translated, false, 'a translation into another language is not shown as ours');
  const untranslated = messageModel({ ...message, translation: { ...message.translation, quality: 'untranslated' } }, 'tr', 'visitor');
  assert.equal(untranslated.text, 'Ihre Bestellung ist unterwegs.');
  assert.equal(untranslated.quality, 'untranslated');
});

test('only http(s) links and valid language tags pass', () => {
  assert.equal(safeHref('javascript:alert(1)', 'https://shop.example/'), null);
  assert.equal(safeHref(' JaVaScRiPt:alert(1)', 'https://shop.example/'), null);
  assert.equal(safeHref('data:text/html,x', 'https://shop.example/'), null);
  assert.equal(safeHref('/cart', 'https://shop.example/'), 'https://shop.example/cart');
  assert.equal(langAttr('tr'), 'tr');
  assert.equal(langAttr('und'), null);
  assert.equal(langAttr('" onload="x'), null);
});

test('a rendered reply keeps hostile payloads as text, with the label and the original one tap away', async () => {
  await loadTexts('tr');
  const view = { t: translator('tr'), lang: 'tr', expanded: new Set(), readSeq: 0, time: () => '15:20' };
  for (const payload of HOSTILE) {
    const message = decode(JSON.stringify({
      type: 'message', seq: 9, sender: { role: 'operator', name: payload }, text: payload, language: 'de',
      translation: { text: payload, language: 'tr', engine: 'phrasebook', quality: 'machine' },
    })).message;
    const li = bubble(fakeDocument, message, view);
    const tags = new Set(li.elements.map((e) => e.nodeName));
    for (const tag of tags) assert.ok(['LI', 'DIV', 'SPAN', 'TIME', 'BUTTON', 'P'].includes(tag), tag);
    assert.equal(li.find('bubble').textContent, payload);
    assert.equal(li.find('text').textContent, payload);
    assert.equal(li.find('mt').textContent, 'Makine çevirisi · makine');
    assert.equal(li.find('toggle').getAttribute('aria-expanded'), 'false');
    assert.equal(li.find('orig').getAttribute('hidden'), '');
    for (const e of li.elements) for (const name of Object.keys(e.attributes)) assert.ok(!name.startsWith('on'), name);
  }
});
