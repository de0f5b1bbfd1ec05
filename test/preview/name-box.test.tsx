/** @jest-environment jsdom */
/**
 * The preview's name box goes to the cell typed, as Excel's does (issue 16 attack: typing L3 on a sheet used up to
 * H20 selected nothing visible and left the grid where it was).
 */
import * as React from "react";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import "@testing-library/jest-dom";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { Selection, WorkbookView } from "../../src/preview/WorkbookView";
import type { SimWorkbookInspector } from "../../packages/excel-sim/src";

/** A sheet 台账 with text in A1:H20 (only what WorkbookView reads). */
function inspector(): SimWorkbookInspector {
  const text = (_sheet: string, address?: string) => {
    const m = /^A1:([A-Z]+)(\d+)$/.exec(address ?? "A1:H20")!;
    const cols = m[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return Array.from({ length: Number(m[2]) }, (_, r) =>
      Array.from({ length: cols }, (_, c) => (r < 20 && c < 8 ? `${r}-${c}` : "")),
    );
  };
  return {
    sheetNames: () => ["台账"],
    visibility: () => "Visible",
    activeSheet: () => "台账",
    usedAddress: () => "A1:H20",
    columnWidth: () => undefined,
    text,
    cell: () => ({ value: "", numberFormat: "General", style: {} }),
    formulas: () => [[""]],
    charts: () => [],
  } as unknown as SimWorkbookInspector;
}

function Harness({ onScroll }: { onScroll: jest.Mock }) {
  const [selection, setSelection] = React.useState<Selection | null>(null);
  React.useEffect(() => {
    Element.prototype.scrollIntoView = function (this: Element) {
      onScroll(this.getAttribute("data-cell"));
    };
  }, [onScroll]);
  return (
    <FluentProvider theme={webLightTheme}>
      <WorkbookView
        inspector={inspector()}
        version={0}
        activations={0}
        selection={selection}
        onSelect={setSelection}
        lang="zh-CN"
      />
    </FluentProvider>
  );
}

test("an address typed in the name box beyond the used range: the cell is drawn, selected and scrolled to", async () => {
  const user = userEvent.setup();
  const onScroll = jest.fn();
  const { container } = render(<Harness onScroll={onScroll} />);
  expect(container.querySelector('td[data-cell="L3"]')).toBeNull(); // the used range ends at column H
  const box = screen.getByRole("textbox", { name: "名称框（单元格地址）" });
  await user.clear(box);
  await user.type(box, "l3{Enter}");
  const cell = container.querySelector('td[data-cell="L3"]');
  expect(cell).not.toBeNull();
  expect(cell).toHaveAttribute("data-selected");
  expect(container.querySelectorAll("td[data-selected]")).toHaveLength(1);
  expect(onScroll).toHaveBeenLastCalledWith("L3");
  expect(box).toHaveValue("L3");
  // within the used range too
  await user.clear(box);
  await user.type(box, "B15{Enter}");
  expect(container.querySelector('td[data-cell="B15"]')).toHaveAttribute("data-selected");
  expect(onScroll).toHaveBeenLastCalledWith("B15");
});
