import { createRoot } from 'react-dom/client';

function App(): React.JSX.Element {
  return <main className="app">Follow Studio</main>;
}

createRoot(document.getElementById('root')!).render(<App />);
