/**
 * The Roadmap Coverage view (folder → phase → item → plans) and the status-bar
 * figure. Both show what the server's `roadmapGovernance/coverage` request
 * returns; they refresh when the server says the figures changed. Until a
 * server's first check is in (its first such notice), the status bar says
 * the workspace is being scanned.
 */
import * as vscode from 'vscode';
import type { CoverageFolder, CoverageItem, CoveragePhase, CoveragePlan, CoverageResult } from '../server/shared/protocol';

export const VIEW_ID = 'roadmapGovernance.coverageView';
export const OPEN_ENTRY_COMMAND = 'roadmapGovernance.openCoverageEntry';
const HAS_ROADMAP_CONTEXT = 'roadmapGovernance.hasRoadmap';

/**
 * A node of the view. `id` is its place in the tree (parent's id and index):
 * with it, VS Code keeps the same element across a refresh, so a refresh that
 * lands while a node is being expanded does not leave it open and empty.
 */
type Node = { id: string } & (
  | { kind: 'folder'; folder: CoverageFolder }
  | { kind: 'phase'; phase: CoveragePhase }
  | { kind: 'item'; item: CoverageItem }
  | { kind: 'plan'; plan: CoveragePlan; item: CoverageItem }
  | { kind: 'missing'; role: 'design' | 'implementation'; required: boolean }
);

const PHASE_ICONS: Record<CoveragePhase['status'], string> = { completed: 'pass-filled', 'in-progress': 'sync', planned: 'calendar', unknown: 'circle-outline' };

export class CoverageTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private result: CoverageResult | undefined;
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly statusItem: vscode.StatusBarItem;

  constructor(private readonly fetch: () => Promise<CoverageResult | undefined>) {
    this.statusItem = vscode.window.createStatusBarItem('roadmapGovernance.coverage', vscode.StatusBarAlignment.Left, 10);
    this.statusItem.name = 'Roadmap Coverage';
    this.statusItem.command = 'roadmapGovernance.showCoverage';
  }

  /**
   * From the start of a server until its first check of the workspace is in:
   * the status bar says so (an empty Problems panel means "not yet", not "no problems").
   */
  private scanning = false;

  /** A server is starting: the status bar shows "scanning" until `scanned`. */
  startScanning(): void {
    this.scanning = true;
    this.updateStatus(false);
  }

  /** The server's first check is in: the status bar shows the coverage (after the next `refresh`). */
  scanned(): void {
    this.scanning = false;
  }

  /** Whether the status bar says the workspace is being scanned, for tests. */
  get isScanning(): boolean {
    return this.scanning;
  }

  /** The last coverage shown, for commands and tests. */
  get current(): CoverageResult | undefined {
    return this.result;
  }

  /** Asks the server again and redraws the view and the status bar. */
  async refresh(): Promise<CoverageResult | undefined> {
    this.result = await this.fetch();
    this.changed.fire(undefined);
    const hasRoadmap = !!this.result?.folders.some((f) => f.roadmap);
    await vscode.commands.executeCommand('setContext', HAS_ROADMAP_CONTEXT, hasRoadmap);
    this.updateStatus(hasRoadmap);
    return this.result;
  }

  /** The server stopped: nothing to show. */
  clear(): void {
    this.result = undefined;
    this.scanning = false;
    this.changed.fire(undefined);
    this.statusItem.hide();
  }

  private updateStatus(hasRoadmap: boolean): void {
    if (this.scanning) {
      this.statusItem.text = '$(sync~spin) Roadmap: scanning';
      this.statusItem.tooltip = 'Roadmap Governance is reading and checking the workspace; the Problems panel fills as it goes. Click to open the Roadmap Coverage view.';
      this.statusItem.show();
      return;
    }
    const result = this.result;
    if (!result || !hasRoadmap) {
      this.statusItem.hide();
      return;
    }
    const { items, both } = result.totals;
    this.statusItem.text = result.percent === null ? '$(checklist) Roadmap: no items' : `$(checklist) Roadmap ${result.percent}%`;
    this.statusItem.tooltip = `${both} of ${items} roadmap items link both a design and an implementation doc. Click to open the Roadmap Coverage view.`;
    this.statusItem.show();
  }

  getChildren(node?: Node): Node[] {
    if (!this.result) return [];
    const at = (i: number) => `${node?.id ?? 'coverage'}/${i}`;
    if (!node) {
      const folders = this.result.folders.filter((f) => f.roadmap);
      if (folders.length === 1) return folders[0].phases.map((phase, i) => ({ id: at(i), kind: 'phase', phase }));
      return folders.map((folder, i) => ({ id: at(i), kind: 'folder', folder }));
    }
    switch (node.kind) {
      case 'folder':
        return node.folder.phases.map((phase, i) => ({ id: at(i), kind: 'phase', phase }));
      case 'phase':
        return node.phase.items.map((item, i) => ({ id: at(i), kind: 'item', item }));
      case 'item': {
        const children: Node[] = node.item.plans.map((plan, i) => ({ id: at(i), kind: 'plan', plan, item: node.item }));
        const required = node.item.inScope;
        if (!node.item.hasDesign) children.push({ id: at(children.length), kind: 'missing', role: 'design', required });
        if (!node.item.hasImplementation) children.push({ id: at(children.length), kind: 'missing', role: 'implementation', required });
        return children;
      }
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const t = this.treeItem(node);
    t.id = node.id;
    return t;
  }

  private treeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'folder': {
        const t = new vscode.TreeItem(node.folder.name, vscode.TreeItemCollapsibleState.Expanded);
        t.description = totalsText(node.folder.totals);
        t.iconPath = new vscode.ThemeIcon('root-folder');
        return t;
      }
      case 'phase': {
        const { phase } = node;
        // Open where there is work to do (items in the link scope); a done phase stays folded.
        const t = new vscode.TreeItem(phase.title ? `${phase.label}: ${phase.title}` : phase.label, phase.items.some((i) => i.inScope) ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        t.description = totalsText(phase.totals);
        t.iconPath = new vscode.ThemeIcon(PHASE_ICONS[phase.status]);
        return t;
      }
      case 'item':
        return itemTreeItem(node.item);
      case 'plan':
        return planTreeItem(node.plan);
      case 'missing': {
        const t = new vscode.TreeItem(node.role === 'design' ? 'No design doc' : 'No implementation plan');
        // Missing where the link is required; outside the link scope, only absent.
        t.iconPath = node.required ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')) : new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('descriptionForeground'));
        if (!node.required) t.description = 'not required';
        return t;
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
    this.statusItem.dispose();
  }
}

function totalsText(totals: CoverageFolder['totals']): string {
  return `${totals.both}/${totals.items} linked`;
}

/** How an item reads in the view: done, linked both ways, half linked, missing both, or open but outside the link scope. */
export function itemState(item: Pick<CoverageItem, 'checked' | 'inScope' | 'hasDesign' | 'hasImplementation'>): { icon: string; color?: string; tooltip: string } {
  const linked = item.hasDesign && item.hasImplementation;
  // A done item counts as done unless the link scope covers done items and it lacks a link.
  if (item.checked && (!item.inScope || linked)) return { icon: 'pass-filled', color: 'testing.iconPassed', tooltip: 'Done' };
  if (!item.inScope) return { icon: 'circle-slash', color: 'descriptionForeground', tooltip: 'Not counted: outside the link scope (linkScope), so no link is required' };
  if (linked) return { icon: 'link', color: 'testing.iconPassed', tooltip: 'Linked: a design doc and an implementation plan' };
  const done = item.checked ? 'Done, but missing' : 'Missing';
  if (item.hasDesign || item.hasImplementation) return { icon: 'warning', color: 'list.warningForeground', tooltip: `${done}: ${item.hasDesign ? 'an implementation plan' : 'a design doc'}` };
  return { icon: 'error', color: 'list.errorForeground', tooltip: `${done}: a design doc and an implementation plan` };
}

function itemTreeItem(item: CoverageItem): vscode.TreeItem {
  // The title already carries the [Category] tag.
  const t = new vscode.TreeItem(item.title, item.plans.length || !item.hasDesign || !item.hasImplementation ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  const state = itemState(item);
  t.iconPath = new vscode.ThemeIcon(state.icon, state.color ? new vscode.ThemeColor(state.color) : undefined);
  t.tooltip = state.tooltip;
  t.description = `${item.checked ? 'done · ' : ''}${item.inScope ? '' : 'not counted · '}design ${item.hasDesign ? '✓' : '✗'} · implementation ${item.hasImplementation ? '✓' : '✗'}`;
  t.command = { title: 'Open', command: OPEN_ENTRY_COMMAND, arguments: [item.uri, item.range] };
  return t;
}

function planTreeItem(plan: CoveragePlan): vscode.TreeItem {
  const t = new vscode.TreeItem(plan.path ? plan.path.slice(plan.path.lastIndexOf('/') + 1) : '(unresolved link)');
  t.description = [plan.role, plan.status].filter(Boolean).join(' · ');
  t.tooltip = plan.path;
  if (plan.exists && plan.uri) {
    t.iconPath = new vscode.ThemeIcon('file');
    t.resourceUri = vscode.Uri.parse(plan.uri);
    t.command = { title: 'Open', command: OPEN_ENTRY_COMMAND, arguments: [plan.uri] };
  } else {
    t.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    t.description = `${t.description} · missing`;
  }
  return t;
}

/** Opens a roadmap item or a plan from the view. */
export async function openCoverageEntry(uri: string, range?: CoverageItem['range']): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const selection = range ? new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character) : undefined;
  await vscode.window.showTextDocument(document, { selection });
}
