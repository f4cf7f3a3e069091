/**
 * The look of the citizens' pages on a phone: one column, large type, high contrast, big touch
 * targets (older citizens, cheap screens in a bright hall). Served as a file, never inline (CSP).
 */
export const CITIZEN_STYLE = `*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font-family:system-ui,'Noto Sans',Roboto,sans-serif;margin:0;padding:1rem;background:#f3f6fb;color:#111827;font-size:1.15rem;line-height:1.35}
main,.card{max-width:34rem;margin:0 auto}
.vi{margin:.5rem 0 0;font-size:1.2rem}
.en{margin:.1rem 0 .5rem;color:#4b5563;font-size:1rem}
h1.vi,h2.vi{font-size:1.35rem;margin-top:1rem}
.panel{background:#fff;border-radius:1rem;padding:1rem;box-shadow:0 1px 3px rgba(0,0,0,.12);margin:0 0 1rem;text-align:center}
.service{font-weight:800;text-transform:uppercase;color:#083a73;font-size:1.1rem;margin:0}
.label{font-size:4.5rem;font-weight:900;color:#0b4f9c;margin:.25rem 0;letter-spacing:.05em}
.state .vi{font-size:1.35rem;font-weight:700}
.call{background:#0b7a3b;color:#fff;border-radius:1rem;padding:1rem .5rem;margin:.5rem 0}
.call .vi{font-size:2rem;font-weight:900;margin:0}
.call .en{color:#e7f7ee;font-size:1.2rem}
.counter{display:block;font-size:7rem;font-weight:900;line-height:1;margin:.25rem 0}
main[data-ticket-status=called] .label{color:#0b7a3b}
.live{font-size:.95rem;color:#4b5563;margin:.5rem 0 0}
.live .vi{font-size:1rem}
.live .en{font-size:.9rem}
main[data-live=reconnecting] .live{color:#9a3412;font-weight:700}
button{font:inherit;font-weight:700;min-height:3.5rem;width:100%;border:0;border-radius:.75rem;background:#0b4f9c;color:#fff;padding:.6rem 1rem;margin:.5rem 0}
button .en{color:#dbe7f7;display:block;margin:0}
button:disabled{opacity:.6}
.sound{background:#fff;color:#0b4f9c;border:2px solid #0b4f9c}
.sound .en{color:#4b5563}
.sound[data-sound=on]{border-color:#0b7a3b;color:#0b7a3b}
.hotline{background:#fff7ed;border-radius:1rem;padding:.75rem 1rem;margin:0 0 1rem;text-align:center}
.hotline a{font-size:1.6rem;font-weight:900;color:#9a3412;text-decoration:none;white-space:nowrap}
.feedback{background:#fff;border-radius:1rem;padding:1rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.feedback label{display:block;margin:.75rem 0}
.feedback label .vi,.feedback label .en{display:block;margin:0}
textarea,input{font:inherit;width:100%;border:2px solid #9ca3af;border-radius:.5rem;padding:.6rem;margin-top:.3rem;background:#fff;color:#111827}
textarea:focus,input:focus{outline:3px solid #0b4f9c;border-color:#0b4f9c}
.result{min-height:1.5rem;font-weight:700;margin:.5rem 0 0}
.result[data-feedback-result=sent]{color:#0b7a3b}
.result[data-feedback-result^=error]{color:#b91c1c}
.facts{text-align:left;margin:0}
.facts dt{color:#4b5563;font-size:1rem;margin-top:.75rem}
.facts dd{margin:.1rem 0 0;font-size:1.2rem;font-weight:700}
.facts dd .en{font-weight:400}
.code{font-size:1.6rem;font-weight:900;color:#0b4f9c;letter-spacing:.03em;word-break:break-all;margin:.25rem 0}
.ready{background:#0b7a3b;color:#fff;border-radius:1rem;padding:1rem;margin:0 0 1rem}
.ready .vi{font-size:1.15rem;font-weight:600}
.ready .vi:first-child{font-size:1.45rem;font-weight:800}
.ready .en{color:#e7f7ee}
`;
