// The widget's own texts: ONE catalogue for de, en, et, tr — a module per language in texts/, so a page loads only
// the visitor's — plus language negotiation, Intl formatting, and the texts a page rule or the business hours
// choose (the proactive greeting, the hours line). No DOM; `now` is always passed in. Tested by
// Tests/web/i18n.test.mjs and rules.test.mjs.

export const LANGUAGES = ['de', 'en', 'et', 'tr'];
export const FALLBACK = 'en';
/** Each language's own name, for the language picker (shown before that language's texts are loaded). */
export const AUTONYMS = { de: 'Deutsch', en: 'English', et: 'Eesti', tr: 'Türkçe' };

/** The texts loaded so far, by language: the default catalogue of `translator`. */
export const LOADED = {};

/** Loads (once) the texts of a supported language from texts/<lang>.js; anything else loads FALLBACK's. */
export async function loadTexts(lang) {
  const code = LANGUAGES.includes(lang) ? lang : FALLBACK;
  LOADED[code] ??= (await import(`./texts/${code}.js`)).default;
  return LOADED[code];
}

/** The supported language that best matches a list of BCP-47 tags (e.g. navigator.languages), or FALLBACK. */
export function negotiate(preferred, supported = LANGUAGES, fallback = FALLBACK) {
  for (const tag of preferred || []) {
    const primary = typeof tag === 'string' && tag.trim().toLowerCase().split(/[-_]/)[0];
    if (supported.includes(primary)) return primary;
  }
  return fallback;
}

/** Formats a template: `{name}` placeholders; numbers are formatted with Intl in `lang`. Unknown names stay. */
export function format(lang, template, params = {}) {
  if (template && typeof template === 'object') {
    template = template[new Intl.PluralRules(lang).select(Number(params.count ?? 0))] ?? template.other;
  }
  return String(template).replace(/\{(\w+)\}/g, (whole, name) => {
    const value = params[name];
    return !(name in params) ? whole : typeof value === 'number' ? new Intl.NumberFormat(lang).format(value) : String(value);
  });
}

/**
 * A translator function for one language: t('reconnecting', {seconds: 4}); dotted keys reach nested texts
 * ('quality.machine'). `catalogue` maps languages to texts (default: those loaded); a missing text falls back to
 * FALLBACK's, then to the key.
 */
export function translator(lang, catalogue = LOADED) {
  const find = (texts, key) => key.split('.').reduce((value, part) => value?.[part], texts);
  return (key, params) =>
    format(lang, find(catalogue[lang], key) ?? find(catalogue[FALLBACK], key) ?? key, params);
}

/** Clock time (e.g. "14:05" or "2:05 PM") in the visitor's language. */
export function formatTime(lang, date, timeZone) {
  return new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit', timeZone }).format(date);
}

/** A language's name in `inLang` ("Türkisch" for tr in de); falls back to the code. */
export function languageName(code, inLang) {
  try {
    return new Intl.DisplayNames([inLang], { type: 'language' }).of(code) || code;
  } catch {
    return code;
  }
}

/** Localized weekday range ("Mo.–Fr.") for ISO weekdays 1 (Monday) … 7 (Sunday). */
export function formatDays(lang, firstDay, lastDay) {
  const names = new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  const day = (iso) => names.format(new Date(Date.UTC(2024, 0, iso)));
  return firstDay === lastDay ? day(firstDay) : `${day(firstDay)}–${day(lastDay)}`;
}

// ---- page rules and business hours ----

/**
 * Which greeting (a catalogue key) a page gets, or null. `setting` is the embedding tag's `data-greeting`:
 * "off"/"never" disables it, "cart"/"product"/"subscription" forces one, anything else applies the path rule:
 * never on checkout or payment pages; the cart greeting on cart/basket pages, the subscription one on pages that
 * manage a subscription (a plan changed, paused or cancelled: where a word from the shop keeps a customer), the
 * product one on product pages.
 */
export function greetingFor(pathname, setting) {
  const s = String(setting ?? 'auto').toLowerCase();
  if (s === 'off' || s === 'never' || s === 'false') return null;
  const path = String(pathname ?? '').toLowerCase();
  if (/checkout|payment|kasse|odeme|ödeme|maksa/.test(path)) return null;
  if (s in FORCED_GREETINGS) return FORCED_GREETINGS[s];
  if (/cart|basket|warenkorb|sepet|ostukorv/.test(path)) return 'greetingCart';
  if (/subscri|abonnement|abonelik|(^|[/._-])abo([/._-]|$)|p(ü|u)sitellimus/.test(path)) return 'greetingSubscription';
  if (/product|produkt|urun|ürün|toode/.test(path)) return 'greetingProduct';
  return null;
}

const FORCED_GREETINGS = Object.freeze({
  __proto__: null, cart: 'greetingCart', product: 'greetingProduct', subscription: 'greetingSubscription',
});

/**
 * Parses business hours "1-5 09:00-18:00 Europe/Berlin" (ISO weekdays, 24-hour times, optional IANA zone).
 * Returns null when the text does not match.
 */
export function parseHours(text) {
  const m = /^\s*([1-7])(?:-([1-7]))?\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})(?:\s+([A-Za-z_+\-/]+))?\s*$/.exec(text ?? '');
  if (!m) return null;
  const minutes = (h, mm) => Number(h) * 60 + Number(mm);
  return {
    firstDay: Number(m[1]),
    lastDay: Number(m[2] ?? m[1]),
    open: minutes(m[3], m[4]),
    close: minutes(m[5], m[6]),
    timeZone: m[7] || 'UTC',
  };
}

const WEEKDAYS = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function localParts(now, timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type) => parts.find((p) => p.type === type)?.value;
  return { day: WEEKDAYS[get('weekday')], minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

/** Whether `now` is inside the hours, and the localized line to show ("Open Mon–Fri, 09:00–18:00"). */
export function hoursStatus(hours, now, lang, t) {
  if (!hours) return null;
  const { day, minutes } = localParts(now, hours.timeZone);
  const onDay = day >= hours.firstDay && day <= hours.lastDay;
  const open = onDay && minutes >= hours.open && minutes < hours.close;
  const clock = (total) => formatTime(lang, new Date(Date.UTC(2024, 0, 1, Math.floor(total / 60), total % 60)), 'UTC');
  const line = t('hours', {
    days: formatDays(lang, hours.firstDay, hours.lastDay),
    from: clock(hours.open),
    to: clock(hours.close),
  });
  return { open, line };
}
