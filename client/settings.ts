/**
 * The engine settings the editor passes to the server. Only values a user set
 * (user, workspace or folder settings) are sent, so a `.roadmap-governance.json`
 * is never overridden by a default that merely repeats the engine's own.
 * The list of keys comes from package.json, which a unit test keeps equal to
 * the engine's DEFAULT_CONFIG.
 */
import * as vscode from 'vscode';

export const SECTION = 'roadmapGovernance';

/** Settings of the client itself; the server never sees them. */
const CLIENT_ONLY = new Set(['enable', 'trace.server']);

/** The engine setting keys contributed by this extension, e.g. `standards.requiredSince`. */
export function engineSettingKeys(packageJSON: { contributes?: { configuration?: { properties?: Record<string, unknown> } } }): string[] {
  const properties = packageJSON.contributes?.configuration?.properties ?? {};
  return Object.keys(properties)
    .filter((key) => key.startsWith(`${SECTION}.`))
    .map((key) => key.slice(SECTION.length + 1))
    .filter((key) => !CLIENT_ONLY.has(key));
}

/** The explicitly set engine settings for `scope`, nested as in the config file. */
export function explicitSettings(keys: string[], scope?: vscode.Uri): Record<string, unknown> {
  const configuration = vscode.workspace.getConfiguration(SECTION, scope);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const inspected = configuration.inspect(key);
    const value = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
    if (value === undefined) continue;
    const parts = key.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = value;
  }
  return out;
}
