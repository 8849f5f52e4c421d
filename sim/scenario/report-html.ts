import type { FaultDefinition, TraceEvent } from "../kernel/index.ts";
import type { Finding } from "../product/index.ts";
import { errorPlace, formatProblems, resultTitle } from "./format-result.ts";
import type { ScenarioResult } from "./scenario-result.ts";
import { escapeXml as h } from "./xml-escape.ts";

export interface HtmlReportOptions {
  readonly title?: string;
  /** For the faults' descriptions and mechanisms. */
  readonly faultCatalog?: ReadonlyMap<string, FaultDefinition>;
  /** Extra HTML placed before the end of the page (e.g. the browser tests' screenshot gallery). */
  readonly appendix?: string;
}

/**
 * One self-contained page (inline CSS and JS, nothing fetched): per scenario
 * a timeline of its steps, each with what the estate did, the findings it
 * raised (rule, seed section, remedy) and their trace evidence, expandable.
 */
export function toHtmlReport(results: readonly ScenarioResult[], options: HtmlReportOptions = {}): string {
  const title = options.title ?? "Lab report";
  const n = (s: ScenarioResult["status"]) => results.filter((r) => r.status === s).length;
  const summary = `${results.length} run${results.length === 1 ? "" : "s"}: ${n("passed")} passed, ${n("failed")} failed, ${n("error")} error${n("error") === 1 ? "" : "s"}`;
  const body =
    results.length === 0
      ? `<p class="empty">No scenario ran: the catalog is empty (no product has registered scenarios yet).</p>`
      : `<nav><ul>${results.map((r, i) => `<li class="${r.status}"><a href="#r${i}"><span class="badge ${r.status}">${r.status}</span> ${h(resultTitle(r))}</a></li>`).join("")}</ul></nav>
<main>${results.map((r, i) => article(r, i, options)).join("\n")}</main>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${h(title)}</h1>
<p class="summary">${h(summary)}</p>
<p class="filters"><button type="button" data-filter="all" class="on">All</button> <button type="button" data-filter="problems">Failed and errors</button> <button type="button" data-expand>Expand all evidence</button></p>
</header>
${body}
${options.appendix ?? ""}
<script>${JS}</script>
</body>
</html>
`;
}

function article(r: ScenarioResult, i: number, options: HtmlReportOptions): string {
  const problems = formatProblems(r);
  const faults = r.faults.length
    ? r.faults
        .map((f) => {
          const def = options.faultCatalog?.get(f.name);
          const params = Object.entries(f.params).map(([k, v]) => `${k}=${String(v)}`).join(", ");
          return `<li><code>${h(f.name)}</code>${params ? ` (${h(params)})` : ""}${def ? `: ${h(def.description)} <span class="dim">${h(def.mechanism)}</span>` : ""}</li>`;
        })
        .join("")
    : "<li>none</li>";
  const hosts = r.lab.hosts
    .map((host) => {
      const installed = Object.entries(host.installed ?? {}).map(([c, v]) => `${c} ${typeof v === "string" ? v : v.version}`);
      return `<li><b>${h(host.name)}</b> ${h(host.os)}${host.zone ? `, ${h(host.zone)}` : ""}${installed.length ? `; installed: ${h(installed.join(", "))}` : ""}</li>`;
    })
    .join("");
  const atStep = (step: number) => r.findings.filter((f) => f.step === step).map((f) => finding(f, r.trace)).join("");
  const finalStep = r.steps.length + 1;
  const steps = r.steps
    .map((s) => {
      const events = r.trace.slice(s.trace.from, s.trace.to);
      return `<li class="step"><div class="head"><span class="num">${s.index}</span> <code class="verb">${h(s.verb)}</code> <code class="args">${h(JSON.stringify(s.args))}</code></div>
${s.note ? `<p class="note">${h(s.note)}</p>` : ""}
<details><summary>What the estate did (${events.length} event${events.length === 1 ? "" : "s"})</summary><ul class="summary-lines">${s.summary.map((l) => `<li><code>${h(l)}</code></li>`).join("") || "<li>nothing</li>"}</ul></details>
${atStep(s.index)}</li>`;
    })
    .join("\n");
  const error = r.status === "error" ? `<li class="step error"><div class="head"><span class="num">!</span> ${h(errorPlace(r.error.step, r.steps.length))}: <code>${h(r.error.code)}</code> ${h(r.error.message)}</div></li>` : "";
  const final =
    r.final !== undefined || r.findings.some((f) => f.step === finalStep)
      ? `<li class="step final"><div class="head"><span class="num">✓</span> Final checks: the estate ends <b class="state ${h(r.final ?? "")}">${h(r.final ?? "undetermined")}</b>${r.expect.final ? ` (expected ${h(r.expect.final)})` : ""}</div>${atStep(finalStep)}</li>`
      : "";
  return `<article id="r${i}" class="result ${r.status}" data-status="${r.status}">
<h2><span class="badge ${r.status}">${r.status}</span> ${h(r.scenario.name)} <small>${r.variant === "remedy" ? "with the remedy applied · " : ""}seed ${r.seed}</small></h2>
${r.scenario.description ? `<p class="desc">${h(r.scenario.description)}</p>` : ""}
<dl class="meta"><dt>Product</dt><dd>${h(r.scenario.product)}</dd><dt>Trace</dt><dd><code>${h(r.traceHash.slice(0, 16))}</code> · ${r.trace.length} events</dd><dt>Replay</dt><dd><code class="replay">${h(r.replay)}</code></dd></dl>
<div class="cols"><div><h3>Lab</h3><ul>${hosts}</ul></div><div><h3>Faults</h3><ul>${faults}</ul></div></div>
${problems.length ? `<pre class="problems">${h(problems.join("\n"))}</pre>` : ""}
<h3>Timeline</h3>
<ol class="timeline">
${atStep(0) ? `<li class="step"><div class="head"><span class="num">0</span> Lab build</div>${atStep(0)}</li>` : ""}
${steps}
${error}
${final}
</ol>
</article>`;
}

function finding(f: Finding, trace: readonly TraceEvent[]): string {
  const events = f.evidence.map((id) => trace[id - 1]).filter((e): e is TraceEvent => e !== undefined);
  return `<div class="finding ${f.severity}">
<div><span class="sev">${f.severity}</span> <code>${h(f.rule)}</code>${f.host ? ` on <b>${h(f.host)}</b>` : ""}${f.component ? ` (${h(f.component)})` : ""}: ${h(f.message)}${f.inference ? ` <span class="inference" title="the lab's inference, not the vendor's statement">lab inference</span>` : ""}</div>
<div class="source">Source: ${h(f.source.file)}, section “${h(f.source.section)}”</div>
<div class="remedy">Remedy: ${h(f.remedy)}</div>
<details class="evidence"><summary>Trace evidence ${f.evidence.map((id) => `#${id}`).join(", ") || "(none)"}</summary><pre>${h(events.map((e) => JSON.stringify(e, null, 2)).join("\n"))}</pre></details>
</div>`;
}

const CSS = `
:root{--ok:#1a7f37;--bad:#cf222e;--err:#9a6700;--warn:#bf8700;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa}
*{box-sizing:border-box}body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328}
header{padding:1rem 2rem;background:var(--bg);border-bottom:1px solid var(--line)}h1{margin:0 0 .3rem;font-size:1.5rem}
nav ul{list-style:none;margin:0;padding:1rem 2rem;display:flex;flex-wrap:wrap;gap:.4rem 1rem}nav a{text-decoration:none;color:inherit}
main{padding:0 2rem 2rem}article{border:1px solid var(--line);border-radius:8px;padding:1rem 1.2rem;margin:1rem 0}
h2{margin:0;font-size:1.2rem}h2 small{color:var(--muted);font-weight:normal}h3{font-size:1rem;margin:.8rem 0 .3rem}
.badge{display:inline-block;border-radius:1em;padding:0 .6em;font-size:.8rem;color:#fff;vertical-align:middle}
.badge.passed{background:var(--ok)}.badge.failed{background:var(--bad)}.badge.error{background:var(--err)}
.desc{margin:.3rem 0;color:var(--muted)}dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0}dt{color:var(--muted)}dd{margin:0}
.cols{display:flex;gap:2rem;flex-wrap:wrap}.cols ul{margin:0;padding-left:1.2rem}.dim{color:var(--muted)}
pre{background:var(--bg);padding:.6rem;border-radius:6px;overflow:auto;font-size:.85rem}pre.problems{border-left:4px solid var(--bad)}
ol.timeline{list-style:none;padding:0;margin:0;border-left:3px solid var(--line)}
.step{position:relative;padding:.4rem 0 .6rem 1.6rem}.step .num{position:absolute;left:-.85rem;top:.4rem;width:1.5rem;height:1.5rem;border-radius:50%;background:#fff;border:2px solid var(--line);text-align:center;font-size:.8rem;line-height:1.2rem}
.step.error .num{border-color:var(--err)}.step.final .num{border-color:var(--ok)}.note{margin:.2rem 0;font-style:italic;color:var(--muted)}
.summary-lines{margin:.2rem 0;padding-left:1.2rem;font-size:.85rem}
.finding{margin:.4rem 0;padding:.4rem .6rem;border-radius:6px;border-left:4px solid var(--warn);background:#fff8c5}
.finding.broken,.finding.blocked{border-left-color:var(--bad);background:#ffebe9}.finding.info{border-left-color:var(--line);background:var(--bg)}
.sev{font-weight:600;text-transform:uppercase;font-size:.75rem}.source,.remedy{font-size:.9rem}.remedy{font-weight:500}
.inference{font-size:.75rem;border:1px solid var(--muted);border-radius:4px;padding:0 .3em;color:var(--muted)}
.state.healthy{color:var(--ok)}.state.broken{color:var(--bad)}.state.degraded{color:var(--warn)}
button{font:inherit;border:1px solid var(--line);background:#fff;border-radius:6px;padding:.1rem .6rem;cursor:pointer}button.on{background:#ddf4ff}
.empty{padding:2rem}
`;

const JS = `
document.querySelectorAll("[data-filter]").forEach(function(b){b.addEventListener("click",function(){
var f=b.getAttribute("data-filter");document.querySelectorAll("[data-filter]").forEach(function(o){o.classList.toggle("on",o===b)});
document.querySelectorAll("article.result, nav li").forEach(function(a){a.hidden=f==="problems"&&(a.classList.contains("passed"))});});});
var ex=document.querySelector("[data-expand]");if(ex)ex.addEventListener("click",function(){document.querySelectorAll("details").forEach(function(d){d.open=true})});
`;
