// Plain JavaScript, so that the bench renders the same template in Node to check
// the plug-in's output.
// An order confirmation page of a few KB: loops, conditionals, escaped and raw
// output, helper functions and arithmetic, as server-side EJS templates have them.
export const TEMPLATE = `<!DOCTYPE html>
<html lang="<%= locale %>">
<head>
  <meta charset="utf-8">
  <title>Order <%= order.id %> – <%= shop.name %></title>
  <style>
    body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 48rem; color: #222; }
    table { border-collapse: collapse; width: 100%; }
    th, td { padding: .4rem .6rem; border-bottom: 1px solid #ddd; text-align: left; }
    td.num, th.num { text-align: right; }
    .badge { display: inline-block; padding: 0 .4rem; border-radius: .3rem; background: #eef; }
    .muted { color: #777; font-size: .9em; }
  </style>
</head>
<body>
  <header>
    <h1><%= shop.name %></h1>
    <% if (shop.tagline) { %><p class="muted"><%= shop.tagline %></p><% } %>
  </header>
  <main>
    <h2>Thank you, <%= customer.firstName %>!</h2>
    <p>Your order <strong>#<%= order.id %></strong> of <%= order.date %> is
      <span class="badge"><%= order.status.toUpperCase() %></span>.</p>
    <% if (customer.vip) { %>
    <p>As a member since <%= customer.memberSince %>, you saved <%= money(order.discount) %> on this order.</p>
    <% } %>
    <table>
      <thead>
        <tr><th>Item</th><th>Options</th><th class="num">Qty</th><th class="num">Price</th><th class="num">Total</th></tr>
      </thead>
      <tbody>
      <% order.items.forEach(function (item, index) { %>
        <tr class="<%= index % 2 ? 'odd' : 'even' %>">
          <td>
            <a href="<%= shop.url %>/products/<%= encodeURIComponent(item.sku) %>"><%= item.name %></a>
            <% if (item.note) { %><div class="muted"><%= item.note %></div><% } %>
          </td>
          <td>
            <% if (item.options.length === 0) { %>–<% } else { %>
              <ul><% item.options.forEach(function (option) { %><li><%= option.name %>: <%= option.value %></li><% }) %></ul>
            <% } %>
          </td>
          <td class="num"><%= item.quantity %></td>
          <td class="num"><%= money(item.price) %></td>
          <td class="num"><%= money(item.price * item.quantity) %></td>
        </tr>
      <% }) %>
      </tbody>
      <tfoot>
        <tr><td colspan="4">Subtotal</td><td class="num"><%= money(subtotal(order.items)) %></td></tr>
        <% if (order.discount > 0) { %><tr><td colspan="4">Discount</td><td class="num">−<%= money(order.discount) %></td></tr><% } %>
        <tr><td colspan="4">Shipping (<%= order.shipping.method %>)</td><td class="num"><%= order.shipping.cost === 0 ? 'free' : money(order.shipping.cost) %></td></tr>
        <tr><th colspan="4">Total</th><th class="num"><%= money(subtotal(order.items) - order.discount + order.shipping.cost) %></th></tr>
      </tfoot>
    </table>
    <section>
      <h3>Shipping to</h3>
      <address>
        <%= customer.firstName %> <%= customer.lastName %><br>
        <% customer.address.lines.forEach(function (line) { %><%= line %><br><% }) %>
        <%= customer.address.zip %> <%= customer.address.city %>, <%= customer.address.country %>
      </address>
    </section>
    <% if (recommendations.length) { %>
    <section>
      <h3>You may also like</h3>
      <ul>
      <% recommendations.slice(0, 5).forEach(function (product) { %>
        <li><a href="<%= shop.url %>/products/<%= encodeURIComponent(product.sku) %>"><%= product.name %></a> – <%= money(product.price) %><% if (product.rating) { %> <span class="muted">(<%= product.rating.toFixed(1) %> ★)</span><% } %></li>
      <% }) %>
      </ul>
    </section>
    <% } %>
    <%- footerHtml %>
  </main>
</body>
</html>
`;

/** The helpers the template calls, passed in with the data. */
export const helpers = {
  /** @param {number} cents */
  money: (cents) => `€${(cents / 100).toFixed(2)}`,
  /** @param {Array<{ price: number, quantity: number }>} items */
  subtotal: (items) => items.reduce((sum, item) => sum + item.price * item.quantity, 0),
};
