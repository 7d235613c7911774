import { Component, type ErrorInfo, type ReactNode } from 'react';
import './error-boundary.css';

interface Props {
  /** What the section is, as the message names it: "The hop list and reference". */
  readonly what: string;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
}

/**
 * Keeps a failure in one part of the page in that part: a lazily loaded chunk that cannot be
 * fetched (a redeployed site, a dropped connection) says so where the part would be, and the
 * diagram and controls keep working. A lazy import that failed stays failed until the page
 * reloads, so the way out is a reload, not a retry.
 */
export class SectionBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(
      `Ambient Packet Walk: ${this.props.what} could not be shown`,
      error,
      info.componentStack,
    );
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="crash crash-section" role="alert">
        <p>
          {this.props.what} could not be shown: <code>{this.state.error.message}</code>.{' '}
          <a href={window.location.href}>Reload the page</a> to try again; the rest of the page
          still works.
        </p>
      </div>
    );
  }
}
