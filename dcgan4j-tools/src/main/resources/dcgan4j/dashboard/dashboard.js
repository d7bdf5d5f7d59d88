// The dcgan4j dashboard: polls the server every POLL_MS, appends only the new metrics rows of the
// runs on the charts, and redraws without reloading the page. Only same-origin requests, all GET.
"use strict";
const POLL_MS = 5000;   // TensorBoard polls every 30 s; 5 s follows a run closely at a third of the browser work of 2 s
const COLOURS = ["#1e88e5", "#e53935", "#43a047", "#8e24aa", "#fb8c00", "#00897b", "#6d4c41", "#546e7a"];
const CHARTS = [
  {id: "chart-loss", title: "Loss_D / Loss_G", series: [["loss_d", "Loss_D"], ["loss_g", "Loss_G"]]},
  {id: "chart-d", title: "D(x) / D(G(z))", series: [["d_x", "D(x)"], ["d_g_z1", "D(G(z))"]]},
  {id: "chart-quality", title: "FID / KID", series: [["fid", "FID"], ["kid", "KID", "kid"]], sparse: true},
  // only for runs with ADA (their metrics have ada_p), unsmoothed: p is a state, r_t already a mean over an interval
  {id: "chart-ada", title: "ADA: p / r_t (dotted: target)", series: [["ada_p", "p"], ["ada_rt", "r_t"]], only: "ada_p", raw: true},
];
const ui = {runs: [], selected: new Set(), focus: null, metrics: {}, plots: {}, layout: "", playing: null,
  followGrids: true, gridStep: null, touched: false};
const $ = (id) => document.getElementById(id);

function colour(id) { return COLOURS[ui.runs.findIndex((r) => r.id === id) % COLOURS.length]; }

function duration(seconds) {
  if (seconds == null) return "";
  const s = Math.round(seconds), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
  return (h ? h + ":" + String(m).padStart(2, "0") : m) + ":" + String(s % 60).padStart(2, "0");
}

/** TensorBoard's debiased exponential moving average; gaps stay gaps. */
function smooth(values, weight) {
  if (!weight) return values;
  let last = 0, n = 0;
  return values.map((v) => {
    if (v == null) return null;
    last = last * weight + (1 - weight) * v; n++;
    return last / (1 - Math.pow(weight, n));
  });
}

async function getJson(url) {
  const response = await fetch(url, {cache: "no-store"});
  if (!response.ok) throw new Error(url + ": " + response.status);
  return response.json();
}

async function poll() {
  if (document.hidden || !$("explorer").hidden) return;   // a background tab or the explorer costs training nothing
  try {
    ui.runs = await getJson("/api/runs");
    if (!ui.addressRead) {                // an address #explore=RUN opens the explorer
      ui.addressRead = true;
      if (exFromAddress(ui.runs)) return;
    }
    if (!ui.touched) chooseDefaults();
    const added = await Promise.all([...ui.selected].map(loadMetrics));
    renderRuns();
    if (added.some((n) => n > 0) || chartLayout() !== ui.layout) renderCharts();   // redraw only what changed
    renderFocus();
    $("updated").textContent = "updated " + new Date().toLocaleTimeString();
  } catch (e) {
    $("updated").textContent = "server unreachable (" + e.message + "), retrying";
  }
}

/**
 * Until the user picks: the runs named in the address (#runs=digits,mnist, a link to share) or else
 * the newest run and every running one; the newest running one in focus.
 */
function chooseDefaults() {
  const running = ui.runs.filter((r) => r.state === "running");
  const newest = ui.runs[ui.runs.length - 1];
  const named = new URLSearchParams(location.hash.slice(1)).get("runs");
  ui.selected = new Set(named ? ui.runs.filter((r) => named.split(",").includes(r.name)).map((r) => r.id)
    : running.map((r) => r.id).concat(newest ? [newest.id] : []));
  if (!ui.runs.some((r) => r.id === ui.focus)) ui.focus = (running[running.length - 1] || newest || {}).id || null;
}

async function loadMetrics(id) {
  const have = ui.metrics[id];
  const after = have && have.step.length ? have.step[have.step.length - 1] : 0;
  let fresh;
  try { fresh = await getJson("/api/metrics?run=" + encodeURIComponent(id) + "&after=" + after); } catch (e) { return 0; }
  if (!have) { ui.metrics[id] = fresh; return Math.max(1, fresh.step.length); }
  for (const key of Object.keys(fresh)) if (!have[key]) have[key] = have.step.map(() => null);   // ada_p once rows come
  for (const key of Object.keys(fresh)) have[key].push(...fresh[key]);
  return fresh.step.length;
}

function renderRuns() {
  $("no-runs").hidden = ui.runs.length > 0;
  const body = document.querySelector("#runs tbody");
  body.replaceChildren(...ui.runs.map((run) => {
    const tr = document.createElement("tr");
    tr.dataset.run = run.id;
    tr.className = run.id === ui.focus ? "focused" : "";
    const steps = run.step == null ? "" : run.step + (run.total_steps ? " / " + run.total_steps : "");
    const epochs = run.epoch == null ? "" : run.epoch + (run.epochs ? " / " + run.epochs : "");
    const warn = run.warnings.length ? run.warnings.length : "";
    tr.innerHTML = `<td><input type="checkbox"></td><td><span class="swatch"></span><span class="name"></span></td>
      <td><span class="state state-${run.state}">${run.state}</span><span class="note"></span></td>
      <td class="num">${steps}</td><td class="num">${epochs}</td><td class="num">${duration(run.eta_seconds)}</td>
      <td class="num">${run.images_per_second == null ? "" : Math.round(run.images_per_second)}</td>
      <td class="warn">${warn}</td>`;
    tr.querySelector(".name").textContent = run.name;
    tr.querySelector(".note").textContent = run.note;
    tr.querySelector(".swatch").style.background = ui.selected.has(run.id) ? colour(run.id) : "transparent";
    tr.querySelector(".warn").title = run.warnings.map((w) => "step " + w.step + ": " + w.message).join("\n");
    const box = tr.querySelector("input");
    box.checked = ui.selected.has(run.id);
    box.addEventListener("click", (e) => {
      e.stopPropagation(); ui.touched = true;
      if (box.checked) ui.selected.add(run.id); else ui.selected.delete(run.id);
      poll();
    });
    tr.addEventListener("click", () => { ui.touched = true; ui.focus = run.id; ui.followGrids = true; poll(); });
    return tr;
  }));
}

/** Red dashed lines at the steps where a warning started, on every chart. */
function warningLines(u) {
  const ctx = u.ctx, top = u.bbox.top, height = u.bbox.height;
  ctx.save(); ctx.strokeStyle = "#c62828"; ctx.fillStyle = "#c62828"; ctx.setLineDash([4, 3]);
  ctx.font = (12 * devicePixelRatio) + "px sans-serif";
  for (const run of ui.runs.filter((r) => ui.selected.has(r.id))) {
    for (const w of run.warnings) {
      const x = Math.round(u.valToPos(w.step, "x", true));
      if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
      ctx.beginPath(); ctx.moveTo(x, top); ctx.lineTo(x, top + height); ctx.stroke();
      ctx.fillText("⚠", x + 3, top + 14 * devicePixelRatio);
    }
  }
  ctx.restore();
}

/** The charted runs (with or without ADA) and the charts' width: a change means new plots, not just new points. */
function chartLayout() {
  return chartedRuns().map((id) => (ui.metrics[id].ada_p ? id + "+ada" : id)).join(",") + "|" + ($("charts").clientWidth - 2);
}

function chartedRuns() {
  return ui.runs.map((r) => r.id).filter((id) => ui.selected.has(id) && ui.metrics[id]);
}

function renderCharts() {
  const ids = chartedRuns();
  const width = $("charts").clientWidth - 2;
  const layout = chartLayout();
  const weight = parseFloat($("smoothing").value);
  for (const chart of CHARTS) {
    const chartIds = chart.only ? ids.filter((id) => ui.metrics[id][chart.only]) : ids;
    if (chart.only) {
      $(chart.id).hidden = chartIds.length === 0;   // nothing extra for runs without ADA
      if (chartIds.length === 0) {
        if (ui.plots[chart.id]) { ui.plots[chart.id].destroy(); delete ui.plots[chart.id]; }
        $(chart.id).dataset.points = 0;
        continue;
      }
    }
    const tables = chartIds.map((id) => {
      const m = ui.metrics[id];
      const keep = chart.sparse ? m.step.map((_, i) => m[chart.series[0][0]][i] != null) : null;
      const pick = (values) => (keep ? values.filter((_, i) => keep[i]) : values);
      return [pick(m.step), ...chart.series.map(([key]) => (chart.sparse ? pick(m[key]) : chart.raw ? m[key] : smooth(m[key], weight)))];
    });
    const data = tables.length === 0 ? [[]] : tables.length === 1 ? tables[0] : uPlot.join(tables);
    let plot = ui.plots[chart.id];
    if (!plot || ui.layout !== layout) {
      if (plot) plot.destroy();
      plot = ui.plots[chart.id] = new uPlot(options(chart, chartIds, width), data, $(chart.id));
    } else {
      plot.setData(data);
    }
    $(chart.id).dataset.points = data[0].length;
    if (chart.sparse) $("quality-empty").hidden = data[0].length > 0;
  }
  ui.layout = layout;
}

function options(chart, ids, width) {
  const series = [{label: "step"}];
  for (const id of ids) {
    const name = ui.runs.find((r) => r.id === id).name;
    chart.series.forEach(([, label, scale], i) => series.push({
      label: (ids.length > 1 ? name + " " : "") + label, stroke: colour(id), width: 1.5, scale: scale || "y",
      dash: i ? [6, 4] : undefined, spanGaps: true, points: {show: !!chart.sparse},
    }));
  }
  const axes = [{}, {scale: "y"}];
  if (chart.series.some(([, , scale]) => scale)) axes.push({scale: "kid", side: 1, grid: {show: false}});
  const scales = {x: {time: false}};
  const draw = [warningLines];
  if (chart.only === "ada_p") {   // p lives in [0, 1], and the target must be in sight
    scales.y = {range: (u, min, max) => [Math.min(0, min), Math.max(1, max)]};
    draw.push((u) => targetLines(u, ids));
  }
  return {title: chart.title, width, height: 220, series, axes, scales, hooks: {draw}, legend: {live: true}};
}

/** ADA's target r_t of each charted run (config.yaml's ada-target), dotted in the run's colour. */
function targetLines(u, ids) {
  const ctx = u.ctx, left = u.bbox.left, width = u.bbox.width;
  ctx.save(); ctx.setLineDash([2, 3]); ctx.lineWidth = devicePixelRatio;
  for (const id of ids) {
    const target = (ui.runs.find((r) => r.id === id) || {}).ada_target;
    if (target == null) continue;
    const y = Math.round(u.valToPos(target, "y", true));
    ctx.strokeStyle = colour(id);
    ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(left + width, y); ctx.stroke();
  }
  ctx.restore();
}

function renderFocus() {
  const run = ui.runs.find((r) => r.id === ui.focus);
  $("focus").hidden = !run;
  if (!run) return;
  $("focus-name").textContent = run.name;
  $("config").textContent = run.config;
  $("explore").hidden = !run.generator;
  $("warnings").replaceChildren(...run.warnings.map((w) => {
    const li = document.createElement("li"); li.textContent = "step " + w.step + ": " + w.message; return li;
  }));
  const real = run.real_samples ? run.files + "real_samples.png" : "";
  if ($("real-image").getAttribute("src") !== real) $("real-image").src = real;
  const slider = $("grid-slider");
  slider.max = Math.max(0, run.grids.length - 1);
  if (ui.followGrids || ui.focusShown !== run.id) slider.value = slider.max;
  ui.focusShown = run.id;
  showGrid();
}

function showGrid() {
  const run = ui.runs.find((r) => r.id === ui.focus);
  if (!run || !run.grids.length) { $("grid-caption").textContent = "no sample grid yet"; return; }
  const i = Number($("grid-slider").value), step = run.grids[i];
  const src = run.files + "fake_samples_step_" + step + ".png";
  if ($("grid-image").getAttribute("src") !== src) $("grid-image").src = src;
  $("grid-caption").textContent = "fixed noise, step " + step + " (" + (i + 1) + " of " + run.grids.length + ")";
}

function togglePlay() {
  if (ui.playing) { clearInterval(ui.playing); ui.playing = null; $("play").textContent = "▶"; return; }
  $("play").textContent = "⏸";
  ui.playing = setInterval(() => {
    const slider = $("grid-slider");
    slider.value = Number(slider.value) >= Number(slider.max) ? 0 : Number(slider.value) + 1;
    ui.followGrids = false; showGrid();
  }, 300);
}

$("grid-slider").addEventListener("input", () => {
  const slider = $("grid-slider");
  ui.followGrids = slider.value === slider.max; showGrid();
});
$("play").addEventListener("click", togglePlay);
$("explore").addEventListener("click", () => openExplorer(ui.runs.find((r) => r.id === ui.focus)));
$("smoothing").addEventListener("input", () => {
  $("smoothing-value").textContent = Number($("smoothing").value).toFixed(2); renderCharts();
});
window.addEventListener("resize", () => renderCharts());
poll();
setInterval(poll, POLL_MS);
document.addEventListener("visibilitychange", () => { if (!document.hidden) poll(); });
