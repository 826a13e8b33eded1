/* The ecosystem map: sigma.js (WebGL) over graphology, loaded from the app's static files.
 *
 * The page renders the filters, the legend and the table; this script draws the same view.
 * Every text it shows comes from data attributes written by the template (translated there),
 * and its configuration from the JSON block #map-config. State kept in the URL: the filters
 * (the form's query string), plus focus=<actor id> and ego=<0, 1 or 2>.
 */
(function () {
  "use strict";

  const configElement = document.getElementById("map-config");
  const container = document.getElementById("network-map");
  const tools = document.getElementById("map-tools");
  if (!configElement || !container || !tools) return;
  const config = JSON.parse(configElement.textContent);
  const text = {
    loading: tools.dataset.textLoading,
    loaded: tools.dataset.textLoaded,
    failed: tools.dataset.textFailed,
    notFound: tools.dataset.textNotFound,
    focused: tools.dataset.textFocused,
    open: tools.dataset.textOpen,
  };
  const status = document.getElementById("map-status");
  const hullCanvas = document.getElementById("map-hulls");

  const sectorColours = {};
  config.legend.sectors.forEach((item) => { sectorColours[item.value] = item.colour; });
  const relationStyles = {};
  config.legend.relations.forEach((item) => { relationStyles[item.value] = item; });
  const shapes = {};
  config.legend.types.forEach((item) => { shapes[item.value] = item.shape; });

  function say(message) {
    if (status) status.textContent = message;
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, (match, key) => (key in values ? values[key] : match));
  }

  // Legend swatches take their colours from data attributes (no inline styles in templates).
  document.querySelectorAll("[data-colour]").forEach((element) => {
    if (element.classList.contains("line")) element.style.borderBlockStartColor = element.dataset.colour;
    else element.style.backgroundColor = element.dataset.colour;
  });

  if (typeof graphology === "undefined" || typeof Sigma === "undefined") {
    say(text.failed);
    return;
  }

  const state = new URLSearchParams(window.location.search);
  let focus = state.get("focus") || "";
  let ego = ["0", "1", "2"].includes(state.get("ego")) ? state.get("ego") : "0";
  let sizeBy = state.get("size") === "communities" ? "communities" : "degree";

  function saveState() {
    const query = new URLSearchParams(window.location.search);
    if (focus) query.set("focus", focus); else query.delete("focus");
    if (focus && ego !== "0") query.set("ego", ego); else query.delete("ego");
    if (sizeBy !== "degree") query.set("size", sizeBy); else query.delete("size");
    const search = query.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    // Downloads follow the focused network, as the table does once reloaded.
    const focused = focus && ego !== "0";
    document.querySelectorAll("[data-view-link]").forEach((link) => {
      const url = new URL(link.href, window.location.href);
      if (focused) { url.searchParams.set("focus", focus); url.searchParams.set("ego", ego); }
      else { url.searchParams.delete("focus"); url.searchParams.delete("ego"); }
      link.href = url.pathname + url.search;
    });
    const tableLink = document.getElementById("map-focus-table");
    if (tableLink) {
      tableLink.hidden = !focused;
      tableLink.href = window.location.pathname + (search ? "?" + search : "") + "#map-table";
    }
  }

  function nodeSize(node) {
    if (sizeBy === "communities") return 2 + 3 * node.communities.length;
    return Math.min(12, 2 + 0.8 * Math.sqrt(node.degree));
  }

  function buildGraph(data) {
    const graph = new graphology.MultiGraph();
    // The more edges, the fainter each: a hairball of opaque lines hides the groups.
    const edgeAlpha = data.edges.length > 5000 ? "40" : data.edges.length > 500 ? "80" : "cc";
    data.nodes.forEach((node) => {
      graph.addNode(String(node.id), {
        x: node.x,
        y: node.y,
        size: nodeSize(node),
        degree: node.degree,
        color: sectorColours[node.sector] || "#666666",
        label: node.label,
        shape: shapes[node.type] || "circle",
        url: node.url,
        communities: node.communities,
      });
    });
    data.edges.forEach((edge, index) => {
      const [source, target, kind, level] = edge;
      const style = relationStyles[kind] || { colour: "#9e9e9e" };
      graph.addEdgeWithKey("e" + index, String(source), String(target), {
        color: style.colour + edgeAlpha,
        size: level ? 0.5 + level * 0.6 : 0.8,
        kind: kind,
      });
    });
    return graph;
  }

  // The actor in focus: its label always shown, drawn larger and above the others.
  let highlighted = null;

  function makeRenderer(graph) {
    const options = {
      nodeReducer: (key, data) => (key === highlighted
        ? { size: data.size * 1.6 + 2, labelVisibility: "visible", zIndex: 10, depth: "topNodes" }
        : {}),
      settings: {
        gestureTarget: "graph",
        // Sizes in pixels: zooming in spreads a dense cluster instead of enlarging it.
        itemSizesReference: "screen",
        enableNodeDrag: true,
        hideEdgesOnMove: graph.size > 5000,
        labelRenderedSizeThreshold: 9,
        zIndex: true,
      },
    };
    const rendering = Sigma.rendering || {};
    if (rendering.sdfCircle && rendering.sdfSquare && Sigma.DEFAULT_STYLES) {
      options.primitives = { nodes: { shapes: [rendering.sdfCircle(), rendering.sdfSquare()] } };
      options.styles = {
        nodes: Object.assign({}, Sigma.DEFAULT_STYLES.nodes, { shape: { attribute: "shape", defaultValue: "circle" } }),
        edges: Sigma.DEFAULT_STYLES.edges,
        stage: { background: "transparent" },
      };
    }
    try {
      return new Sigma(graph, container, options);
    } catch (error) {
      // Older GPUs: fall back to plain discs rather than no map.
      return new Sigma(graph, container, { settings: options.settings, nodeReducer: options.nodeReducer });
    }
  }

  // --- Community areas: convex hulls on a canvas under the WebGL layer -----------------

  function convexHull(points) {
    if (points.length < 3) return points.slice();
    const sorted = points.slice().sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const cross = (o, a, b) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    const lower = [];
    sorted.forEach((p) => {
      while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
      lower.push(p);
    });
    const upper = [];
    sorted.slice().reverse().forEach((p) => {
      while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
      upper.push(p);
    });
    return lower.slice(0, -1).concat(upper.slice(0, -1));
  }

  // Only the members shown count: in an ego network, areas shrink to the actors left.
  function communityHulls(graph, communities, visible) {
    const members = {};
    communities.forEach((community) => { members[community.id] = []; });
    graph.forEachNode((key, attributes) => {
      if (visible && !visible.has(key)) return;
      (attributes.communities || []).forEach((id) => {
        if (members[id]) members[id].push([attributes.x, attributes.y]);
      });
    });
    return communities.map((community) => ({ community: community, hull: convexHull(members[community.id]) }));
  }

  function drawHulls(renderer, hulls) {
    const rect = container.getBoundingClientRect();
    const ratio = window.devicePixelRatio || 1;
    // Resizing a canvas reallocates it: only when the map's size changed, not every frame.
    if (hullCanvas.width !== Math.round(rect.width * ratio)) hullCanvas.width = Math.round(rect.width * ratio);
    if (hullCanvas.height !== Math.round(rect.height * ratio)) hullCanvas.height = Math.round(rect.height * ratio);
    const context = hullCanvas.getContext("2d");
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, rect.width, rect.height);
    const padding = 18;
    hulls.forEach(({ community, hull }) => {
      if (!hull.length) return;
      const points = hull.map(([x, y]) => renderer.graphToViewport({ x: x, y: y }));
      const centre = points.reduce((sum, p) => ({ x: sum.x + p.x / points.length, y: sum.y + p.y / points.length }), { x: 0, y: 0 });
      const top = points.reduce((best, p) => (p.y < best.y ? p : best), points[0]);
      let label = { x: top.x, y: top.y - padding - 4 };
      context.beginPath();
      if (points.length < 3) {
        // One or two members: a disc round them rather than a degenerate polygon.
        const reach = Math.max(...points.map((p) => Math.hypot(p.x - centre.x, p.y - centre.y)));
        context.arc(centre.x, centre.y, reach + padding, 0, 2 * Math.PI);
        label = { x: centre.x, y: centre.y - reach - padding - 6 };
      } else {
        points.forEach((p, index) => {
          const dx = p.x - centre.x;
          const dy = p.y - centre.y;
          const length = Math.hypot(dx, dy) || 1;
          const x = p.x + (dx / length) * padding;
          const y = p.y + (dy / length) * padding;
          if (index === 0) context.moveTo(x, y); else context.lineTo(x, y);
        });
      }
      context.closePath();
      context.fillStyle = community.colour + "2e";
      context.strokeStyle = community.colour;
      context.lineWidth = 3;
      context.fill();
      context.stroke();
      context.font = "600 13px DejaVu Sans, Arial, sans-serif";
      context.textAlign = "center";
      context.lineWidth = 4;
      context.strokeStyle = "#ffffff";
      context.strokeText(community.label, label.x, label.y);
      context.fillStyle = "#1b1f24";
      context.fillText(community.label, label.x, label.y);
    });
  }

  function fillCommunityLegend(communities) {
    const list = document.getElementById("map-legend-communities");
    if (!list) return;
    communities.forEach((community) => {
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch swatch-area";
      swatch.setAttribute("aria-hidden", "true");
      swatch.style.backgroundColor = community.colour + "44";
      swatch.style.borderColor = community.colour;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(" " + community.label));
      list.appendChild(item);
    });
  }

  // --- Search, focus and ego network --------------------------------------------------

  function egoNodes(graph, centre, steps) {
    const seen = new Set([centre]);
    let frontier = [centre];
    for (let step = 0; step < steps; step += 1) {
      const next = [];
      frontier.forEach((node) => {
        graph.forEachNeighbor(node, (neighbour) => {
          if (!seen.has(neighbour)) { seen.add(neighbour); next.push(neighbour); }
        });
      });
      frontier = next;
    }
    return seen;
  }

  function start(data) {
    const graph = buildGraph(data);
    const renderer = makeRenderer(graph);
    let hulls = communityHulls(graph, data.communities);
    fillCommunityLegend(data.communities);
    renderer.on("afterRender", () => drawHulls(renderer, hulls));
    let visibleNodes = null;
    renderer.on("nodeDragEnd", () => { hulls = communityHulls(graph, data.communities, visibleNodes); });
    renderer.on("clickNode", ({ node }) => {
      const url = graph.getNodeAttribute(node, "url");
      if (url) window.location.assign(url);
    });
    container.dataset.nodes = String(graph.order);
    container.dataset.edges = String(graph.size);

    const names = document.getElementById("map-search-names");
    const byName = new Map();
    graph.forEachNode((key, attributes) => {
      const name = attributes.label;
      if (!byName.has(name.toLocaleLowerCase())) byName.set(name.toLocaleLowerCase(), key);
      if (names && byName.size <= 2000) {
        const option = document.createElement("option");
        option.value = name;
        names.appendChild(option);
      }
    });

    const focusBox = document.getElementById("map-focus");
    const focusLink = document.getElementById("map-focus-link");
    const egoSelect = document.getElementById("map-ego-select");
    egoSelect.value = ego;

    let filtered = false;

    // Moves the camera so that these nodes fill most of the view.
    function frame(keys) {
      const points = keys.map((key) => renderer.getNodeDisplayData(key)).filter(Boolean);
      if (!points.length) return;
      const xs = points.map((point) => point.x);
      const ys = points.map((point) => point.y);
      const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      const extent = Math.max(maxX - minX, maxY - minY);
      const ratio = Math.min(1, Math.max(0.08, extent * 1.3 || 0.25));
      renderer.getCamera().animate({ x: (minX + maxX) / 2, y: (minY + maxY) / 2, ratio: ratio }, { duration: 400 });
    }

    function applyFocus(animate) {
      const visible = focus && graph.hasNode(focus) && ego !== "0" ? egoNodes(graph, focus, Number(ego)) : null;
      // Batched state changes, and none at all when nothing is hidden before or after.
      if (visible || filtered) {
        const shown = [];
        const hidden = [];
        graph.forEachNode((key) => { (!visible || visible.has(key) ? shown : hidden).push(key); });
        renderer.setNodesState(shown, { isHidden: false });
        renderer.setNodesState(hidden, { isHidden: true });
        const shownEdges = [];
        const hiddenEdges = [];
        graph.forEachEdge((key, attributes, source, target) => {
          (!visible || (visible.has(source) && visible.has(target)) ? shownEdges : hiddenEdges).push(key);
        });
        renderer.setEdgesState(shownEdges, { isHidden: false });
        renderer.setEdgesState(hiddenEdges, { isHidden: true });
        filtered = Boolean(visible);
        visibleNodes = visible;
        hulls = communityHulls(graph, data.communities, visible);
      }
      if (highlighted && graph.hasNode(highlighted)) renderer.setNodeState(highlighted, { isHighlighted: false });
      highlighted = focus && graph.hasNode(focus) ? focus : null;
      if (highlighted) renderer.setNodeState(highlighted, { isHighlighted: true });
      if (focus && graph.hasNode(focus)) {
        const name = graph.getNodeAttribute(focus, "label");
        focusLink.textContent = format(text.open, { name: name });
        focusLink.href = graph.getNodeAttribute(focus, "url");
        focusBox.hidden = false;
        if (animate || visible) frame(visible ? Array.from(visible) : [focus]);
        say(format(text.focused, { name: name }));
      } else {
        focusBox.hidden = true;
      }
      renderer.refresh();
      saveState();
    }

    function find() {
      const query = document.getElementById("map-search-input").value.trim().toLocaleLowerCase();
      if (!query) return;
      let found = byName.get(query);
      if (!found) {
        graph.forEachNode((key, attributes) => {
          if (!found && attributes.label.toLocaleLowerCase().includes(query)) found = key;
        });
      }
      if (!found) { say(text.notFound); return; }
      focus = found;
      applyFocus(true);
    }

    document.getElementById("map-search-button").addEventListener("click", find);
    document.getElementById("map-search-input").addEventListener("keydown", (event) => {
      if (event.key === "Enter") { event.preventDefault(); find(); }
    });
    egoSelect.addEventListener("change", () => { ego = egoSelect.value; applyFocus(false); });
    const sizeSelect = document.getElementById("map-size-select");
    sizeSelect.value = sizeBy;
    sizeSelect.addEventListener("change", () => {
      sizeBy = sizeSelect.value;
      graph.updateEachNodeAttributes((key, attributes) => Object.assign(attributes, { size: nodeSize(attributes) }));
      saveState();
    });
    const camera = renderer.getCamera();
    document.getElementById("map-zoom-in").addEventListener("click", () => camera.zoomIn());
    document.getElementById("map-zoom-out").addEventListener("click", () => camera.zoomOut());
    document.getElementById("map-zoom-reset").addEventListener("click", () => camera.reset());

    applyFocus(true);
    container.dataset.ready = "true";
    if (!focus) say(text.loaded);
  }

  // Submit only the filters that are set, so that shared addresses stay short.
  const filterForm = document.querySelector("form.filters");
  if (filterForm) {
    filterForm.addEventListener("submit", () => {
      filterForm.querySelectorAll("select, input").forEach((field) => {
        if (!field.value) field.disabled = true;
      });
    });
  }

  tools.hidden = false;
  say(text.loading);
  fetch(config.dataUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then((response) => {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then(start)
    .catch((error) => {
      say(text.failed);
      console.error(error); // for developers; visitors read the status line
    });
})();
