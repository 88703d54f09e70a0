import { Component, type ReactNode } from "react";

/**
 * A page that fails to render, or a page's code that fails to load (a deploy replaced it while the
 * tab was open), shows what happened and a way on instead of a blank screen.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error?: Error; resetKey: string }> {
  override state: { error?: Error; resetKey: string } = { resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  // Moving to another page clears the error.
  static getDerivedStateFromProps(props: { resetKey: string }, state: { resetKey: string }) {
    return props.resetKey === state.resetKey ? null : { error: undefined, resetKey: props.resetKey };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <section className="card" role="alert">
        <h1>Something went wrong</h1>
        <p>This page could not be shown ({this.state.error.message}). Reloading usually helps; nothing you booked is lost.</p>
        <button type="button" className="primary" onClick={() => window.location.reload()}>Reload</button>
      </section>
    );
  }
}
