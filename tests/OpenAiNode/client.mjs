// The official openai npm client against a running Router: the calls a Node.js app makes, checked as it sees them.
// Usage: HYBRID_BASE_URL=http://localhost:30801/v1 HYBRID_API_KEY=sk-hi-... node client.mjs
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const baseURL = process.env.HYBRID_BASE_URL;
const apiKey = process.env.HYBRID_API_KEY;
assert.ok(baseURL && apiKey, 'set HYBRID_BASE_URL and HYBRID_API_KEY');

// No retries: a first failure must show, not be papered over by the client.
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0 });
const checks = [];

async function check(name, body) {
  await body();
  checks.push(name);
}

await check('models list roles, aliases and auto', async () => {
  const ids = [];
  for await (const model of client.models.list()) ids.push(model.id);
  for (const id of ['auto', 'chat-fast', 'embeddings-general', 'local/chat', 'llama-3.1-8b-instruct']) {
    assert.ok(ids.includes(id), `${id} missing from ${ids.join(', ')}`);
  }
});

await check('chat completion with the routing decision in headers', async () => {
  const { data, response } = await client.chat.completions
    .create({ model: 'chat-fast', max_tokens: 8, messages: [{ role: 'user', content: 'Say something' }] })
    .withResponse();
  assert.ok(data.choices[0].message.content.length > 0);
  assert.ok(data.usage.completion_tokens > 0);
  assert.equal(response.headers.get('x-hybrid-model'), 'llama-3.1-8b-instruct');
  assert.ok(response.headers.get('x-request-id'));
});

await check('streamed chat completion: one id, text, usage in the last chunk', async () => {
  const stream = await client.chat.completions.create({
    model: 'llama-3.1-8b-instruct',
    max_tokens: 16,
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: 'Tell me about the sea' }],
  });
  const ids = new Set();
  let text = '';
  let usage;
  for await (const chunk of stream) {
    ids.add(chunk.id);
    text += chunk.choices[0]?.delta?.content ?? '';
    usage = chunk.usage ?? usage;
  }
  assert.equal(ids.size, 1);
  assert.ok(text.length > 0);
  assert.ok(usage.completion_tokens > 0);
});

await check('legacy completion', async () => {
  const completion = await client.completions.create({ model: 'llama-3.1-8b-instruct', max_tokens: 8, prompt: 'Once upon a time' });
  assert.ok(completion.choices[0].text.length > 0);
});

await check('embeddings through a role', async () => {
  const embeddings = await client.embeddings.create({ model: 'embeddings-general', input: ['first text', 'second text'] });
  assert.equal(embeddings.data.length, 2);
  assert.ok(embeddings.data[0].embedding.length > 0);
});

await check('unknown model is a NotFoundError', async () => {
  await assert.rejects(
    client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] }),
    (error) => error instanceof OpenAI.NotFoundError && error.status === 404 && typeof error.message === 'string',
  );
});

await check('unknown key is an AuthenticationError', async () => {
  const stranger = new OpenAI({ baseURL, apiKey: 'sk-hi-not-a-real-key', maxRetries: 0 });
  await assert.rejects(stranger.models.list(), (error) => error instanceof OpenAI.AuthenticationError && error.status === 401);
});

console.log(JSON.stringify({ passed: checks }));
