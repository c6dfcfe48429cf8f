import type cytoscape from 'cytoscape';
import { KIND_LOOK, MORE_LOOK, NODE_KINDS, REL_COLOR, REL_KINDS, SUBKIND_COLOR } from './kinds.js';

// The one stylesheet of the graph. Classes the app sets: focus, expanded, pinned, path, dimmed,
// filtered (kind or relationship switched off), hidden (hidden by the user), result (console).

type Rule = { selector: string; style: Record<string, string | number> };

function nodeRules(): Rule[] {
  const rules: Rule[] = [];
  for (const kind of NODE_KINDS) {
    const look = KIND_LOOK[kind];
    rules.push({
      selector: `node[kind = "${kind}"]`,
      style: { 'background-color': look.color, shape: look.shape, width: look.size, height: look.size, 'font-size': look.fontSize },
    });
    if (kind === 'Person' || kind === 'Organization' || kind === 'Report') {
      // names are told apart by their ends ("… of Constabulary", "… and Fire & Rescue Services"): two lines, not an ellipsis
      rules.push({ selector: `node[kind = "${kind}"]`, style: { 'text-wrap': 'wrap', 'text-max-width': '150px' } });
    }
    for (const [subkind, color] of Object.entries(SUBKIND_COLOR[kind] ?? {})) {
      rules.push({ selector: `node[kind = "${kind}"][subkind = "${subkind}"]`, style: { 'background-color': color } });
    }
  }
  return rules;
}

function edgeRules(): Rule[] {
  return REL_KINDS.map((kind) => ({
    selector: `edge[kind = "${kind}"]`,
    style: { 'line-color': REL_COLOR[kind], 'target-arrow-color': REL_COLOR[kind] },
  }));
}

export function graphStyle(): cytoscape.StylesheetStyle[] {
  const rules: Rule[] = [
    {
      selector: 'node',
      style: {
        label: 'data(short)',
        'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        'font-size': 10,
        color: '#1d232b',
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 3,
        'text-wrap': 'ellipsis',
        'text-max-width': '130px',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.75,
        'text-background-padding': '1px',
        'min-zoomed-font-size': 6,
        'border-width': 1,
        'border-color': '#ffffff',
        'background-color': '#8a96a3',
        width: 28,
        height: 28,
      },
    },
    ...nodeRules(),
    {
      selector: 'node[kind = "More"]',
      style: {
        shape: 'round-rectangle',
        // a fixed size: 'label' sizing leaves the node unclickable (Cytoscape caches it as zero-sized)
        width: 72,
        height: 22,
        'background-color': MORE_LOOK.color,
        'border-color': MORE_LOOK.border,
        'border-width': 1.5,
        'border-style': 'dashed',
        label: 'data(label)',
        'text-valign': 'center',
        'text-margin-y': 0,
        'text-background-opacity': 0,
        'font-size': 9,
        color: '#334155',
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1.2,
        'curve-style': 'bezier',
        'control-point-step-size': 26,
        'line-color': '#b5bcc6',
        'target-arrow-shape': 'triangle',
        'target-arrow-color': '#b5bcc6',
        'arrow-scale': 0.7,
        opacity: 0.85,
        label: '',
        'font-size': 8,
        color: '#4b5563',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'min-zoomed-font-size': 8,
      },
    },
    ...edgeRules(),
    { selector: 'edge[kind = "MENTIONS"]', style: { 'line-style': 'dotted' } },
    { selector: 'edge[kind = "MORE"]', style: { 'line-style': 'dashed', 'line-color': '#94a3b8', 'target-arrow-shape': 'none' } },
    // a view of thousands (see canvas.ts): straight lines, solid and without arrows, and names
    // only on the nodes the user points at, chooses or follows
    { selector: 'edge.crowd', style: { 'curve-style': 'haystack', 'haystack-radius': 0, 'line-style': 'solid', 'target-arrow-shape': 'none' } },
    { selector: 'node.crowd[kind != "More"]', style: { label: '' } },
    { selector: 'node.crowd:selected, node.crowd.hover, node.crowd.focus, node.crowd.path, node.crowd.result', style: { label: 'data(short)' } },
    { selector: 'edge:selected, edge.path, edge.hover', style: { label: 'data(kind)', width: 2.5, opacity: 1 } },
    { selector: 'node.expanded', style: { 'border-width': 3, 'border-color': '#1d232b' } },
    { selector: 'node.pinned', style: { 'border-style': 'double', 'border-width': 5, 'border-color': '#111827' } },
    {
      selector: 'node.focus',
      style: { 'underlay-color': '#f5c518', 'underlay-opacity': 0.55, 'underlay-padding': 8, 'font-weight': 'bold', 'font-size': 13, 'z-index': 20 },
    },
    {
      selector: 'node:selected',
      style: { 'overlay-color': '#0b63ce', 'overlay-opacity': 0.18, 'overlay-padding': 6, 'border-color': '#0b63ce', 'border-width': 3, 'z-index': 30 },
    },
    { selector: 'node.hover', style: { 'overlay-color': '#0b63ce', 'overlay-opacity': 0.08, 'overlay-padding': 5 } },
    { selector: 'node.result', style: { 'underlay-color': '#6d3fc0', 'underlay-opacity': 0.3, 'underlay-padding': 6 } },
    { selector: 'node.path', style: { 'underlay-color': '#f97316', 'underlay-opacity': 0.6, 'underlay-padding': 8, 'z-index': 40 } },
    { selector: 'edge.path', style: { 'line-color': '#f97316', 'target-arrow-color': '#f97316', width: 4, 'z-index': 40 } },
    { selector: '.dimmed', style: { opacity: 0.15, 'text-opacity': 0.3 } },
    { selector: '.filtered, .hidden', style: { display: 'none' } },
  ];
  return rules as unknown as cytoscape.StylesheetStyle[];
}
