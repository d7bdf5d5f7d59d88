// The latent explorer: every picture is drawn by the server with the code of dcgan generate, walk and
// arithmetic; this script only asks for them, on user input only, with at most one request in flight
// (a slider drag asks for the newest frame once the one on its way has come).
"use strict";
const STEPS = 32;                        // slider positions from one seed to the other: frames 0..32
const PAD = 2;                           // the grid's border, as ImageGrid draws it
const ex = {run: null, info: null, seed: 1, count: 32, from: null, to: null, groups: {A: [], B: [], C: []},
  waiting: new Map(), inFlight: false};

function exAddress(name, params) {
  const query = new URLSearchParams({run: ex.run.id, ...params});
  if (ex.info && ex.info.classes > 0) query.set("class", $("ex-class").value);
  return "/api/explore/" + name + "?" + query;
}

function exStatus(text) { $("ex-status").textContent = text; }

/** Shows the picture at `address` in the image `id`: now if nothing is on its way, else after it. */
function exShow(id, address) {
  ex.waiting.set(id, address);           // a newer address for the same image replaces the one waiting
  exNext();
}

function exNext() {
  if (ex.inFlight || ex.waiting.size === 0) return;
  const [id, address] = ex.waiting.entries().next().value;
  ex.waiting.delete(id);
  ex.inFlight = true;
  exStatus("drawing…");
  const done = () => { ex.inFlight = false; exNext(); };
  const next = new Image();                // loaded aside, so that a refused picture leaves the last one shown
  next.onload = () => {
    const shown = $(id);
    next.id = id; next.alt = shown.alt; next.dataset.shown = address;
    shown.replaceWith(next);
    exStatus(""); done();
  };
  next.onerror = () => {                   // an image cannot read the refusal: ask once more for its text
    fetch(address).then((r) => r.text()).then((t) => exStatus(t.trim())).catch(() => exStatus("server unreachable"))
      .finally(done);
  };
  next.src = address;
}

/** Points two download links at a picture and its z, named as the server names them. */
function exLinks(prefix, name, params) {
  for (const [suffix, ext] of [["-png", ".png"], ["-z", ".z.safetensors"]]) {
    const a = $(prefix + suffix);
    a.href = exAddress(name + ext, params);
    a.hidden = false;
  }
}

async function openExplorer(run) {
  ex.run = run;
  document.querySelector("main").hidden = true;
  $("explorer").hidden = false;
  $("ex-run").textContent = run.name;
  $("ex-generator").textContent = " " + run.generator;
  $("updated").textContent = "";
  try {
    ex.info = await getJson("/api/explore/info?run=" + encodeURIComponent(run.id));
  } catch (e) { exStatus("cannot open the generator: " + e.message); return; }
  $("ex-class-label").hidden = ex.info.classes === 0;
  $("ex-class").replaceChildren(...Array.from({length: ex.info.classes}, (_, k) => new Option(String(k), k)));
  exDraw();
}

function exDraw() {
  ex.seed = Math.max(0, Math.floor(Number($("ex-seed").value)) || 0);
  ex.count = Number($("ex-count").value);
  const params = {seed: ex.seed, count: ex.count};
  exShow("ex-grid", exAddress("grid.png", params));
  exLinks("ex-grid", "grid", params);
  $("ex-grid-caption").textContent = "seeds " + ex.seed + "–" + (ex.seed + ex.count - 1)
    + " (dcgan generate --seed " + ex.seed + " --count " + ex.count + ")";
  exMarks();
  exRemember();
}

/** The grid's layout in its own pixels: 8 to a row, each image with a border of PAD. */
function exGeometry() {
  const size = ex.info.image_size, cols = Math.min(8, ex.count), rows = Math.ceil(ex.count / cols);
  return {size, cols, width: cols * (size + PAD) + PAD, height: rows * (size + PAD) + PAD};
}

function exPick(event) {
  if (!ex.info) return;
  const g = exGeometry(), box = $("ex-grid-box").getBoundingClientRect();
  const x = (event.clientX - box.left) * g.width / box.width, y = (event.clientY - box.top) * g.height / box.height;
  const col = Math.min(g.cols - 1, Math.floor(x / (g.size + PAD))), row = Math.floor(y / (g.size + PAD));
  const i = row * g.cols + col;
  if (i < 0 || i >= ex.count) return;
  const seed = ex.seed + i, target = document.querySelector("input[name=ex-target]:checked").value;
  if (target === "from" || target === "to") {
    ex[target] = seed;
    if (target === "from") document.querySelector("input[name=ex-target][value=to]").checked = true;
    if (ex.from != null && ex.to != null) exWalk();
  } else {
    const group = ex.groups[target], at = group.indexOf(seed);
    if (at >= 0) group.splice(at, 1); else if (group.length < 12) group.push(seed);
  }
  $("ex-picked").hidden = false;
  $("ex-picked-seed").textContent = seed;
  exLinks("ex-picked", "grid", {seed, count: 1});
  exMarks();
  exRemember();
}

/** Outlines on the grid for the picked samples, and the picks written out. */
function exMarks() {
  $("ex-from").textContent = ex.from ?? "–";
  $("ex-to").textContent = ex.to ?? "–";
  for (const k of ["A", "B", "C"]) $("ex-" + k.toLowerCase()).textContent = ex.groups[k].join(", ") || "–";
  $("ex-compute").disabled = !["A", "B", "C"].every((k) => ex.groups[k].length);
  if (!ex.info) return;
  const g = exGeometry(), marks = [];
  const picks = [["from", ex.from], ["to", ex.to]].concat(
    ...["A", "B", "C"].map((k) => ex.groups[k].map((s) => [k, s])));
  picks.forEach(([label, seed], n) => {
    const i = seed == null ? -1 : seed - ex.seed;
    if (i < 0 || i >= ex.count) return;
    const m = document.createElement("div");
    const inset = 2 * (n % 3);              // a sample in several roles shows nested outlines
    m.className = "ex-mark ex-mark-" + label;
    m.append(Object.assign(document.createElement("span"), {textContent: label}));
    Object.assign(m.style, {
      left: 100 * (PAD + (i % g.cols) * (g.size + PAD) - inset) / g.width + "%",
      top: 100 * (PAD + Math.floor(i / g.cols) * (g.size + PAD) - inset) / g.height + "%",
      width: 100 * (g.size + 2 * inset) / g.width + "%", height: 100 * (g.size + 2 * inset) / g.height + "%"});
    marks.push(m);
  });
  $("ex-marks").replaceChildren(...marks);
}

function exWalk() {
  const slider = $("ex-slider");
  slider.disabled = false;
  const frame = Number(slider.value), mode = $("ex-mode").value;
  const params = {a: ex.from, b: ex.to, steps: STEPS, frame, mode};
  exShow("ex-walk", exAddress("walk.png", params));
  exLinks("ex-walk", "walk", params);
  const cls = ex.info.classes ? " --class " + $("ex-class").value : "";
  $("ex-walk-caption").textContent = "frame " + frame + " of dcgan walk seed:" + ex.from + " seed:" + ex.to
    + " --steps " + STEPS + " --mode " + mode + cls;
  exRemember();
}

function exArithmetic() {
  const params = {a: ex.groups.A.join(","), b: ex.groups.B.join(","), c: ex.groups.C.join(",")};
  exShow("ex-arithmetic", exAddress("arithmetic.png", params));
  exLinks("ex-arithmetic", "arithmetic", params);
  $("ex-arithmetic-caption").textContent = "each row a group (captions: seeds) and its mean, then A − B + C and "
    + "7 neighbours (σ 0.25), as dcgan arithmetic draws it";
  exRemember();
}

/** The explorer's state as an address to share: #explore=RUN&seed=1&count=32&from=3&to=9&frame=16&a=1,2&b=3&c=4 */
function exRemember() {
  const state = {explore: ex.run.name, seed: ex.seed, count: ex.count};
  if (ex.info && ex.info.classes) state.class = $("ex-class").value;
  if (ex.from != null && ex.to != null) Object.assign(state, {from: ex.from, to: ex.to, frame: $("ex-slider").value, mode: $("ex-mode").value});
  for (const k of ["A", "B", "C"]) if (ex.groups[k].length) state[k.toLowerCase()] = ex.groups[k].join(",");
  history.replaceState(null, "", "#" + new URLSearchParams(state));
}

/** Opens the explorer as an address says, when it names a run with a generator; false otherwise. */
function exFromAddress(runs) {
  const p = new URLSearchParams(location.hash.slice(1));
  const run = runs.find((r) => r.name === p.get("explore") && r.generator);
  if (!run) return false;
  const number = (k) => (p.has(k) && p.get(k) !== "" ? Number(p.get(k)) : null);
  const seeds = (k) => (p.get(k) || "").split(",").filter((s) => s !== "").map(Number);
  if (p.has("seed")) $("ex-seed").value = p.get("seed");
  if (p.has("count")) $("ex-count").value = p.get("count");
  if (p.has("frame")) $("ex-slider").value = p.get("frame");
  if (p.has("mode")) $("ex-mode").value = p.get("mode");
  ex.from = number("from"); ex.to = number("to");
  ex.groups = {A: seeds("a"), B: seeds("b"), C: seeds("c")};
  openExplorer(run).then(() => {
    if (p.has("class")) { $("ex-class").value = p.get("class"); exDraw(); }
    if (ex.from != null && ex.to != null) exWalk();
    if (["A", "B", "C"].every((k) => ex.groups[k].length)) exArithmetic();
  });
  return true;
}

$("ex-grid-box").addEventListener("click", exPick);
$("ex-draw").addEventListener("click", exDraw);
$("ex-count").addEventListener("change", exDraw);
$("ex-seed").addEventListener("change", exDraw);
$("ex-more").addEventListener("click", () => { $("ex-seed").value = ex.seed + ex.count; exDraw(); });
$("ex-slider").addEventListener("input", exWalk);
$("ex-mode").addEventListener("change", () => { if (ex.from != null && ex.to != null) exWalk(); });
$("ex-compute").addEventListener("click", exArithmetic);
$("ex-clear").addEventListener("click", () => { ex.groups = {A: [], B: [], C: []}; exMarks(); exRemember(); });
$("ex-class").addEventListener("change", () => {
  exDraw();
  if (ex.from != null && ex.to != null) exWalk();
});
$("ex-back").addEventListener("click", () => {
  history.replaceState(null, "", "#");
  $("explorer").hidden = true;
  document.querySelector("main").hidden = false;
  poll();
});
