import { perform, type CommandContext } from '../../commands/commands';
import type { Theme } from '../../store/urlState';
import { useSettings } from '../StoreContext';

export function ThemeSelect({ ctx }: { ctx: CommandContext }) {
  const theme = useSettings((s) => s.theme);
  return (
    <label className="theme-select">
      <span>Theme</span>
      <select
        value={theme}
        onChange={(e) => perform(ctx, 'setTheme', { theme: e.currentTarget.value as Theme })}
      >
        <option value="auto">Auto</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
