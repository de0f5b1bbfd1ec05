/**
 * Ribbon commands, loaded in the shared runtime page. The "open task pane" button needs no code
 * (ShowTaskpane action); ExecuteFunction buttons register their handlers here.
 */
export function registerCommands(actions: { associate(name: string, fn: (event: Office.AddinCommands.Event) => void): void }): void {
  void actions; // handlers are registered as commands are added (refresh, briefing)
}

if (typeof Office !== "undefined" && Office.onReady) {
  Office.onReady(() => {
    if (Office.actions) registerCommands(Office.actions);
  });
}
