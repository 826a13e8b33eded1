/* The board of design partnerships: move a card by drag and drop or with its "Move to"
 * form. Without this script the forms post and the server answers with a page; with it,
 * a refused move shows its reasons in the live region (and admins get the override form),
 * a move that goes through reloads the board. */
(function () {
  "use strict";

  var board = document.querySelector("[data-board]");
  if (!board) {
    return;
  }
  var status = document.getElementById("board-status");
  var override = document.getElementById("board-override");
  var overrideForm = override ? override.querySelector("[data-override-form]") : null;
  var dragged = null;

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function say(lines, ok) {
    status.textContent = "";
    status.classList.toggle("is-ok", !!ok);
    if (lines.length === 1) {
      status.textContent = lines[0];
      return;
    }
    var list = document.createElement("ul");
    lines.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    status.appendChild(list);
  }

  function send(url, data, card) {
    data.append("csrfmiddlewaretoken", csrfToken());
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-Requested-With": "fetch" },
    })
      .then(function (response) {
        return response.json().then(function (body) {
          return { ok: response.ok, body: body };
        });
      })
      .then(function (answer) {
        if (answer.ok && answer.body.ok) {
          say([answer.body.message], true);
          window.location.reload();
          return;
        }
        var reasons = answer.body.unmet || [];
        say(reasons.length ? reasons : [board.dataset.refused || "Refused"]);
        if (override && overrideForm && answer.body.can_override && card) {
          overrideForm.action = url;
          overrideForm.elements.to_stage.value = data.get("to_stage");
          override.hidden = false;
          overrideForm.elements.override_reason.focus();
        } else if (card) {
          card.focus();
        }
      })
      .catch(function () {
        say([board.dataset.failed || "The move could not be sent; try again."]);
      });
  }

  board.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-move-form]");
    if (!form) {
      return;
    }
    event.preventDefault();
    send(form.action, new FormData(form), form.closest("[data-card]"));
  });

  if (overrideForm) {
    overrideForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = new FormData(overrideForm);
      data.delete("csrfmiddlewaretoken");
      send(overrideForm.action, data, null);
    });
    override.querySelector("[data-override-cancel]").addEventListener("click", function () {
      override.hidden = true;
      say([]);
    });
  }

  board.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest("[data-card]");
    if (!card) {
      return;
    }
    dragged = card;
    card.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.moveUrl);
  });

  board.addEventListener("dragend", function () {
    if (dragged) {
      dragged.classList.remove("is-dragging");
    }
    board.querySelectorAll(".is-drop-target").forEach(function (column) {
      column.classList.remove("is-drop-target");
    });
  });

  board.addEventListener("dragover", function (event) {
    var column = event.target.closest && event.target.closest(".board-column");
    if (!column || !dragged || column.dataset.stage === dragged.dataset.stage) {
      return;
    }
    event.preventDefault();
    column.classList.add("is-drop-target");
  });

  board.addEventListener("dragleave", function (event) {
    var column = event.target.closest && event.target.closest(".board-column");
    if (column && !column.contains(event.relatedTarget)) {
      column.classList.remove("is-drop-target");
    }
  });

  board.addEventListener("drop", function (event) {
    var column = event.target.closest && event.target.closest(".board-column");
    if (!column || !dragged) {
      return;
    }
    event.preventDefault();
    column.classList.remove("is-drop-target");
    var data = new FormData();
    data.append("to_stage", column.dataset.stage);
    send(dragged.dataset.moveUrl, data, dragged);
  });
})();
