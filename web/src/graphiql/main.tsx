import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { post } from '../session';
import './graphiql.css';

// GraphiQL bundled into the service (the npm package, no CDN), talking to /graphql with the signed-in session's
// cookie and CSRF token. Basic or bearer callers need no page: they POST to /graphql directly.
const fetcher = async (params: unknown) => {
  const response = await post('/graphql', params);
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 500)}` }] };
  }
};

const defaultQuery = `# Rastro's GraphQL API. Every operation takes one input object; see the Docs panel.
# The console (link above) is built on exactly these queries.
{
  me {
    name
    role
    account { id name }
    subaccounts { id name }
  }
}
`;

function Page() {
  return (
    <div className="gq-page">
      <header className="gq-bar">
        <a href="/" className="gq-brand">Rastro</a>
        <nav aria-label="Pages">
          <a href="/">← Report console</a>
        </nav>
      </header>
      <main className="gq-main">
        <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery} />
      </main>
    </div>
  );
}

createRoot(document.getElementById('graphiql-root')!).render(<Page />);
