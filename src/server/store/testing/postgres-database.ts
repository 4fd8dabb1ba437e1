/**
 * A fresh database per test file in the shared test cluster, so no test reads another's rows.
 */
import pg from 'pg'

let counter = 0

export async function freshDatabase(clusterUrl: string, label: string): Promise<string> {
  counter += 1
  const name = `rb_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${process.pid}_${counter}_${Date.now() % 1e6}`
  const client = new pg.Client({ connectionString: clusterUrl })
  await client.connect()
  try {
    await client.query(`CREATE DATABASE ${name}`)
  } finally {
    await client.end()
  }
  const url = new URL(clusterUrl)
  url.pathname = `/${name}`
  return url.toString()
}
