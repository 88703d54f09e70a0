export default function Dashboard() { return <h1>Admin dashboard</h1>; }
