// The widget's styles, applied inside its shadow root (the host page's CSS cannot reach them).
export const CSS = `
:host{all:initial;position:fixed;right:20px;bottom:20px;z-index:2147483000;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#111827;--brand:#3b3fd8;--brand-ink:#fff;--muted:#4b5563;--line:#e5e7eb}
*{box-sizing:border-box}
button,select,textarea{font:inherit;color:inherit}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.launcher{all:unset;cursor:pointer;width:60px;height:60px;border-radius:50%;background:var(--brand);color:var(--brand-ink);display:grid;place-items:center;box-shadow:0 8px 24px rgba(30,27,120,.35);position:relative;margin-left:auto}
.launcher:focus-visible{outline:3px solid #f59e0b;outline-offset:3px}
.launcher svg{width:28px;height:28px}
.count{position:absolute;top:-2px;right:-2px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#dc2626;color:#fff;font-size:12px;font-weight:700;display:grid;place-items:center}
.teaser{position:absolute;right:0;bottom:74px;width:260px;background:#fff;border-radius:14px;padding:14px 36px 14px 14px;box-shadow:0 10px 30px rgba(17,24,39,.18);border:1px solid var(--line);cursor:pointer}
.teaser p{margin:0}
.teaser .x{all:unset;cursor:pointer;position:absolute;top:6px;right:8px;width:24px;height:24px;text-align:center;color:var(--muted);border-radius:6px}
.panel{position:absolute;right:0;bottom:76px;width:380px;height:min(620px,calc(100vh - 110px));background:#fff;border-radius:18px;box-shadow:0 18px 50px rgba(17,24,39,.28);display:flex;flex-direction:column;overflow:hidden;border:1px solid var(--line)}
.panel[hidden],.teaser[hidden],[hidden]{display:none!important}
header{background:var(--brand);color:var(--brand-ink);padding:14px 14px 12px 18px;display:grid;grid-template-columns:1fr auto;gap:2px 8px;align-items:start}
header h2{margin:0;font-size:17px;font-weight:650;letter-spacing:.01em}
header p{margin:0;font-size:13px;opacity:.92;grid-column:1}
header .x{all:unset;cursor:pointer;grid-row:1/3;grid-column:2;width:34px;height:34px;display:grid;place-items:center;border-radius:10px}
header .x:hover{background:rgba(255,255,255,.15)}
header .x:focus-visible{outline:3px solid #fff}
.bar{display:flex;align-items:center;gap:8px;padding:8px 14px;border-bottom:1px solid var(--line);font-size:13px;color:var(--muted);background:#fafafa}
.bar label{flex:0 0 auto}
.bar select{border:1px solid #d1d5db;border-radius:8px;padding:3px 6px;background:#fff}
.status{margin-left:auto;text-align:right}
.status.warn{color:#92400e}
ol{list-style:none;margin:0;padding:14px;flex:1;overflow-y:auto;display:flex;flex-direction:column;gap:10px;background:#fff}
li{flex:none;max-width:86%;display:flex;flex-direction:column;gap:3px}
li.own{align-self:flex-end;align-items:flex-end}
li.sys{align-self:center;max-width:100%;text-align:center;color:var(--muted);font-size:13px}
.bubble{padding:9px 12px;border-radius:14px;background:#f1f5f9;white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word;unicode-bidi:isolate}
li.own .bubble{background:var(--brand);color:var(--brand-ink);border-bottom-right-radius:4px}
li.them .bubble{border-bottom-left-radius:4px}
.meta{font-size:12px;color:var(--muted);display:flex;gap:6px;flex-wrap:wrap;align-items:center}
.mt{display:inline-flex;align-items:center;gap:4px;background:#eef2ff;color:#312e81;border-radius:999px;padding:1px 8px;font-weight:600}
.toggle{all:unset;cursor:pointer;color:#1d4ed8;text-decoration:underline;font-size:12px;padding:2px;border-radius:4px}
.orig{margin:0;padding:7px 10px;border-left:3px solid #c7d2fe;background:#f8fafc;color:#374151;font-size:13px;border-radius:4px;white-space:pre-wrap;overflow-wrap:anywhere;unicode-bidi:isolate}
.typing{min-height:20px;padding:0 16px;font-size:13px;color:var(--muted);font-style:italic}
form{display:flex;gap:8px;padding:10px 12px 12px;border-top:1px solid var(--line);align-items:flex-end}
textarea{flex:1;resize:none;border:1px solid #d1d5db;border-radius:12px;padding:9px 12px;min-height:42px;max-height:120px;background:#fff}
textarea:focus-visible{outline:2px solid var(--brand);outline-offset:0;border-color:var(--brand)}
.send{all:unset;cursor:pointer;background:var(--brand);color:var(--brand-ink);border-radius:12px;padding:0 16px;height:42px;font-weight:600;display:grid;place-items:center}
.send:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
@media (max-width:480px){:host{right:12px;bottom:12px}.panel:not([hidden])~.launcher{display:none}.panel{position:fixed;inset:0;width:auto;height:auto;border-radius:0;border:0}.teaser{width:min(260px,calc(100vw - 24px))}}
@media (prefers-reduced-motion:no-preference){.panel,.teaser{animation:rise .18s ease-out}@keyframes rise{from{opacity:0;transform:translateY(8px)}}}
`;
