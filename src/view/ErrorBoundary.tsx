import { Component, type ErrorInfo, type ReactNode } from 'react';
import { perform, type CommandContext } from '../commands/commands';
import './error-boundary.css';

interface Props {
  /** The owners the `reset` command puts back to the default walk at its first hop. */
  readonly commands: CommandContext;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
}

/**
 * A rendering error shows what happened and a way out ("Reset view" clears the URL state),
 * never a blank page.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Ambient Packet Walk could not render this view', error, info.componentStack);
  }

  private reset = (): void => {
    perform(this.props.commands, 'reset');
    this.setState({ error: null });
  };

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="crash" role="alert">
        <h1>Something went wrong drawing this view</h1>
        <p>
          The walk could not be shown: <code>{this.state.error.message}</code>
        </p>
        <p>
          <a
            href={window.location.pathname}
            onClick={(e) => {
              e.preventDefault();
              this.reset();
            }}
          >
            Reset view
          </a>{' '}
          goes back to the default walk (and clears the address's settings).
        </p>
      </div>
    );
  }
}
