// DOM for the console: conversation list rows, message items, the visitor card. Text from visitors only ever
// reaches the page through textContent (`el(..., {text})`); links are built only for http(s) URLs.

import { el, langAttr } from '../widget/view.js';
import { formatTime, languageName, LANGUAGES } from '../widget/i18n.js';
import { formatWait } from './state.js';

/** A safe href for a link we build ourselves: only http(s) URLs, anything else becomes null. */
export function safeHref(value, base) {
  try {
    const url = new URL(String(value), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Fills (or creates) the list row of a conversation. */
export function listRow(doc, row, item, ctx) {
  const { t, lang, now, state, activeId } = ctx;
  const li = row ?? el(doc, 'li', {}, [
    el(doc, 'button', { class: 'conv', attrs: { type: 'button', 'data-id': item.id } }, [
      el(doc, 'span', { class: 'name' }), el(doc, 'span', { class: 'lang' }), el(doc, 'span', { class: 'badge' }),
      el(doc, 'span', { class: 'last' }), el(doc, 'span', { class: 'wait' }),
    ]),
  ]);
  const s = item.summary ?? {};
  const button = li.firstChild;
  const unread = state.unread(item.id);
  const wait = state.waiting(item.id, now);
  const last = state.messages(item.id).at(-1);
  button.querySelector('.name').textContent = s.visitor?.name || t('visitor');
  button.querySelector('.lang').textContent = (s.visitor?.language || '').toUpperCase();
  const badge = button.querySelector('.badge');
  badge.hidden = unread === 0;
  badge.textContent = t('unread', { count: unread });
  button.querySelector('.last').textContent = last ? shownText(last, lang) : s.page?.title ?? '';
  const waitNode = button.querySelector('.wait');
  waitNode.textContent = wait ? t('waiting', { time: formatWait(wait.seconds) }) : '';
  button.className = `conv ${wait ? wait.level : ''}`;
  if (item.id === activeId) button.setAttribute('aria-current', 'true');
  else button.removeAttribute('aria-current');
  return li;
}

/** The text an operator reads first: the translation into their language when there is one. */
export function shownText(message, lang) {
  const tr = message.translation;
  return message.role === 'visitor' && tr?.text && tr.language === lang ? tr.text : message.text;
}

const percent = (lang, value) => new Intl.NumberFormat(lang, { style: 'percent' }).format(value);

/** A message in the active chat. `ctx.onCorrect(seq, language)` and `ctx.onRetry(seq)` handle the buttons. */
export function messageItem(doc, message, ctx) {
  const { t, lang } = ctx;
  const visitor = message.role === 'visitor';
  const li = el(doc, 'li', { class: `msg ${visitor ? 'visitor' : message.role === 'operator' ? 'operator' : 'system'}` });
  const name = visitor ? message.author || t('visitor') : message.author || t('you');
  const meta = el(doc, 'div', { class: 'meta' }, [
    el(doc, 'strong', { text: name }),
    el(doc, 'time', { text: formatTime(lang, new Date(message.sentAt || Date.now())) }),
  ]);
  li.append(meta);
  if (!visitor) {
    li.append(el(doc, 'div', { class: 'bubble', attrs: { dir: 'auto', lang: langAttr(message.language) }, text: message.text }));
    if (message.pending) meta.append(el(doc, 'span', { class: 'chip', text: t('sending') }));
    return li;
  }
  const srcName = languageName(message.language, lang);
  const confidence = message.confidence === null ? '' : percent(lang, message.confidence);
  meta.append(el(doc, 'span', { class: 'chip detected', text: t('detected', { language: srcName, confidence }) }));
  const tr = message.translation;
  const translated = tr?.text && tr.language === lang && message.translationStatus !== 'untranslated';
  if (translated) {
    meta.append(el(doc, 'span', { class: `chip q-${tr.quality}`, text: t('engine', { engine: tr.engine, quality: t('quality.' + tr.quality) }) }));
    li.append(
      el(doc, 'div', { class: 'bubble', attrs: { dir: 'auto', lang: langAttr(tr.language) }, text: tr.text }),
      el(doc, 'div', { class: 'orig' }, [
        el(doc, 'span', { class: 'label', text: t('original', { language: srcName }) }),
        el(doc, 'span', { class: 'text', attrs: { lang: langAttr(message.language), dir: 'auto' }, text: message.text }),
      ]),
    );
  } else {
    li.append(el(doc, 'div', { class: 'bubble', attrs: { dir: 'auto', lang: langAttr(message.language) }, text: message.text }));
    if (message.translationStatus === 'pending') li.append(el(doc, 'div', { class: 'note', text: t('pending') }));
    if (message.translationStatus === 'untranslated') li.append(untranslatedNote(doc, message, ctx));
  }
  li.append(correction(doc, message, ctx));
  return li;
}

function untranslatedNote(doc, message, ctx) {
  const retry = el(doc, 'button', { class: 'link', attrs: { type: 'button' }, text: ctx.t('retry') });
  retry.addEventListener('click', () => ctx.onRetry(message.seq));
  return el(doc, 'div', { class: 'note warn' }, [el(doc, 'span', { text: ctx.t('untranslated') + ' ' }), retry]);
}

/** "Wrong language?" — one click opens the choices, a second click sends the correction. */
function correction(doc, message, ctx) {
  const { t, lang } = ctx;
  const id = `fix-${message.conversationId}-${message.seq}`;
  const toggle = el(doc, 'button', { class: 'link', attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': id }, text: t('wrongLanguage') });
  const choices = el(doc, 'div', { class: 'choices', attrs: { id, hidden: true, role: 'group', 'aria-label': t('wrongLanguageHint') } }, [
    el(doc, 'span', { text: t('wrongLanguageHint') }),
    ...LANGUAGES.filter((code) => code !== message.language).map((code) => {
      const b = el(doc, 'button', { class: 'pill', attrs: { type: 'button', 'data-lang': code }, text: languageName(code, lang) });
      b.addEventListener('click', () => ctx.onCorrect(message.seq, code));
      return b;
    }),
  ]);
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    choices.hidden = !open;
  });
  return el(doc, 'div', { class: 'actions' }, [toggle, choices]);
}

/** The visitor card: name, language, current page (a link only for http(s) URLs). */
export function visitorCard(doc, item, ctx) {
  const { t, lang } = ctx;
  const s = item.summary ?? {};
  const url = s.page?.url ?? '';
  const href = safeHref(url);
  const page = el(doc, 'a', { class: 'page', attrs: { dir: 'auto' }, text: s.page?.title || url });
  if (href) {
    page.setAttribute('href', href);
    page.setAttribute('target', '_blank');
    page.setAttribute('rel', 'noopener noreferrer');
  }
  return el(doc, 'dl', {}, [
    el(doc, 'dt', { text: t('visitor') }), el(doc, 'dd', { attrs: { dir: 'auto' }, text: s.visitor?.name || t('visitor') }),
    el(doc, 'dt', { text: t('language') }), el(doc, 'dd', { text: languageName(s.visitor?.language || 'und', lang) }),
    el(doc, 'dt', { text: t('page') }), el(doc, 'dd', {}, [page, el(doc, 'div', { class: 'url', attrs: { dir: 'ltr' }, text: url })]),
  ]);
}
