;;; scenario.el --- Emacs 28 + eglot driving the roadmap-governance server  -*- lexical-binding: t -*-

;; Run as `emacs --batch -Q -l scenario.el`.  Inputs from the environment:
;;   RG_SERVER      path to dist/server.js (started as `node RG_SERVER --stdio`)
;;   RG_ROOT        the workspace folder (a temp copy of a fixture)
;;   RG_RESULT      where to write the result JSON the mocha test reads
;;   RG_TIMEOUT_MS  how long any single wait may take
;;   RG_SCENARIO    "diagnostics", "create-doc" or "disk"
;;   RG_LINE        0-based roadmap line of the item (create-doc)
;;   RG_TARGET      the new plan's workspace path, and RG_SETTLE_MS: create-doc then waits at most
;;                  that long for the roadmap's notes to lose the item's RG001 and show no RG003 for it
;; Exits 0 on success, 1 on an error, 2 on a timeout; the result is always written.

;; Debian's elpa-eglot (and the newer project/xref it needs) live here; -Q skips site-start.
(dolist (dir (ignore-errors (directory-files "/usr/share/emacs/site-lisp/elpa" t "^[^.]")))
  (when (file-directory-p dir) (push dir load-path)))

(require 'cl-lib)
(require 'json)
(require 'eglot)

;; Emacs 28 has no markdown-mode; eglot only needs a major mode to attach to.
(define-derived-mode markdown-mode text-mode "Markdown")
(add-to-list 'auto-mode-alist '("\\.md\\'" . markdown-mode))

;; Errors (a server that dies calls back with one) must reach `rg-main', not the debugger.
(setq debug-on-error nil)

;; Nothing may wait on stdin: every question is answered "yes".
(fset 'y-or-n-p (lambda (&rest _) t))
(fset 'yes-or-no-p (lambda (&rest _) t))

(defvar rg-root (file-name-as-directory (expand-file-name (getenv "RG_ROOT"))))
(defvar rg-server (getenv "RG_SERVER"))
(defvar rg-result-file (getenv "RG_RESULT"))
(defvar rg-timeout (/ (string-to-number (or (getenv "RG_TIMEOUT_MS") "15000")) 1000.0))
(defvar rg-start (float-time))
(defvar rg-result (list (cons 'ok :json-false)))
(defvar rg-published (make-hash-table :test 'equal)
  "Raw diagnostics the server published, by workspace-relative path.")
(defvar rg-server-object nil)
;; Connect synchronously: in batch mode an error signalled from a process sentinel (a server
;; that dies while eglot waits "in the background") kills Emacs; this way it reaches `rg-main'.
(setq eglot-sync-connect rg-timeout)
(setq eglot-connect-timeout rg-timeout)
(setq eglot-autoreconnect nil)

(defun rg-put (key value)
  (setf (alist-get key rg-result) value))

(defun rg-mark (name)
  (let ((timings (alist-get 'timings rg-result)))
    (setf (alist-get name timings) (round (* 1000 (- (float-time) rg-start))))
    (rg-put 'timings timings)))

(defun rg-rel (uri)
  (file-relative-name (eglot--uri-to-path uri) rg-root))

(defvar rg-written nil)

(defun rg-write ()
  (setq rg-written t)
  (let ((published nil))
    (maphash (lambda (k v) (push (cons k v) published)) rg-published)
    (rg-put 'published (or published (make-hash-table))))
  (with-temp-file rg-result-file
    (insert (let ((json-encoding-pretty-print nil)) (json-encode rg-result)))))

(defun rg-events-tail ()
  "The end of eglot's JSON-RPC log, to explain a failure."
  (when rg-server-object
    (with-current-buffer (jsonrpc-events-buffer rg-server-object)
      (buffer-substring-no-properties (max (point-min) (- (point-max) 6000)) (point-max)))))

(define-error 'rg-timeout "Timed out")

(defvar rg-dispatch-events nil
  "Non-nil: waits also dispatch special events (file-notify). In batch mode only `read-event'
does that (`accept-process-output' and `sit-for' leave them queued), and with stdin at EOF it
returns after its timeout.")

(defun rg-wait (what predicate)
  "Pump process output until PREDICATE holds; signal `rg-timeout' after `rg-timeout' seconds."
  (let ((deadline (+ (float-time) rg-timeout)))
    (while (not (funcall predicate))
      (rg-check-server-alive)
      (when (> (float-time) deadline)
        (signal 'rg-timeout (list (format "%s (%s s)" what rg-timeout))))
      (if rg-dispatch-events
          (read-event nil nil 0.02)
        (accept-process-output nil 0.02)))))

(defvar rg-logs nil "The server's window/logMessage lines, newest first.")

;; The server's log lines (it says there who watches the files).
(cl-defmethod eglot-handle-notification :before
  (_server (_method (eql window/logMessage)) &key message &allow-other-keys)
  (push message rg-logs))

;; Record every publishDiagnostics as the server sent it, before eglot turns it into flymake notes.
(cl-defmethod eglot-handle-notification :before
  (_server (_method (eql textDocument/publishDiagnostics)) &key uri diagnostics &allow-other-keys)
  (puthash (rg-rel uri) diagnostics rg-published))

;; The fixture is not a VC checkout: make every file under it part of one project rooted there,
;; so the buffers find the server that `eglot' started for that project.
(add-hook 'project-find-functions
          (lambda (dir) (when (file-in-directory-p dir rg-root) (cons 'transient rg-root))))

(defun rg-open (rel)
  (find-file (expand-file-name rel rg-root))
  (current-buffer))

(defun rg-server-process ()
  (cl-find-if (lambda (p) (string-prefix-p "EGLOT" (process-name p))) (process-list)))

(defun rg-server-stderr ()
  "What the server wrote to stderr: jsonrpc copies each line into the events buffer as [stderr]."
  (let ((buffer (cl-find-if (lambda (b) (string-match-p "EGLOT.*events\\*\\'" (buffer-name b))) (buffer-list))))
    (when buffer
      (with-current-buffer buffer
        (let ((lines nil))
          (goto-char (point-min))
          (while (re-search-forward "^\\[stderr\\] \\(.*\\)$" nil t)
            (push (match-string-no-properties 1) lines))
          (string-join (last (nreverse lines) 60) "\n"))))))

(defun rg-check-server-alive ()
  "Fail at once, with its stderr, when the server process has exited."
  (let ((process (rg-server-process)))
    (when (and process (memq (process-status process) '(exit signal)))
      (error "The server exited with code %s; its stderr:\n%s" (process-exit-status process) (rg-server-stderr)))))

(defun rg-start ()
  (let ((buffer (current-buffer)))
    ;; Modes as a list; a transient project rooted at the fixture (it is not a VC checkout).
    (eglot '(markdown-mode) (project-current) 'eglot-lsp-server
           (list "node" rg-server "--stdio") "markdown")
    (rg-wait "eglot to manage the buffer"
             (lambda () (with-current-buffer buffer (and (eglot-current-server) eglot--managed-mode))))
    (setq rg-server-object (with-current-buffer buffer (eglot-current-server)))
    (rg-put 'serverPid (process-id (jsonrpc--process rg-server-object)))
    (rg-mark 'initialized)))

(defun rg-flymake-notes ()
  "The flymake diagnostics of the current buffer, as the user sees them."
  (mapcar (lambda (d)
            (let ((lsp (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d)))))
              `((line . ,(1- (line-number-at-pos (flymake-diagnostic-beg d))))
                (type . ,(symbol-name (flymake-diagnostic-type d)))
                (text . ,(flymake-diagnostic-text d))
                (code . ,(plist-get lsp :code)))))
          (flymake-diagnostics)))

(defun rg-scenario-diagnostics ()
  (let ((buffer (rg-open "docs/project/roadmap.md")))
    (rg-start)
    (with-current-buffer buffer
      (rg-wait "flymake diagnostics in the roadmap buffer" (lambda () (flymake-diagnostics)))
      (rg-mark 'roadmapDiagnostics)
      (rg-put 'shown (rg-flymake-notes)))))

(defun rg-broken-link-p (rel line)
  "Whether the server last published an RG003 on LINE (0-based) of REL."
  (cl-some (lambda (d) (and (equal (plist-get d :code) "RG003")
                            (= (plist-get (plist-get (plist-get d :range) :start) :line) line)))
           (gethash rel rg-published)))

(defun rg-scenario-disk ()
  "A file appears on disk behind the editor's back, then goes: eglot watches for the server."
  (let* ((file (getenv "RG_FILE"))
         (shown (getenv "RG_SHOWN"))
         (line (string-to-number (getenv "RG_LINE")))
         (buffer (rg-open "docs/project/roadmap.md")))
    (rg-start)
    (rg-wait (format "the RG003 of %s" shown) (lambda () (rg-broken-link-p shown line)))
    (rg-put 'before (vconcat (gethash shown rg-published)))
    ;; eglot watches with file-notify: its events must be dispatched (see `rg-dispatch-events').
    (let ((rg-timeout (/ (string-to-number (getenv "RG_SETTLE_MS")) 1000.0))
          (rg-dispatch-events t))
      ;; Written by another program (no Emacs buffer visits it).
      (with-temp-file (expand-file-name file rg-root) (insert "# Notes\n"))
      (rg-mark 'created)
      (rg-wait (format "the RG003 of %s gone after %s was created" shown file)
               (lambda () (not (rg-broken-link-p shown line))))
      (rg-mark 'seen)
      (rg-put 'settled (vconcat (gethash shown rg-published)))
      (delete-file (expand-file-name file rg-root))
      (rg-mark 'deleted)
      (rg-wait (format "the RG003 of %s back after %s was deleted" shown file)
               (lambda () (rg-broken-link-p shown line)))
      (rg-mark 'back))
    (ignore buffer)))

(defun rg-describe-action (action)
  (let ((command (plist-get action :command)))
    `((title . ,(plist-get action :title))
      (kind . ,(plist-get action :kind))
      (hasEdit . ,(if (plist-get action :edit) t :json-false))
      (command . ,(if (stringp command) command (plist-get command :command))))))

(defun rg-scenario-create-doc ()
  (let* ((line (string-to-number (getenv "RG_LINE")))
         (buffer (rg-open "docs/project/roadmap.md")))
    (rg-start)
    (with-current-buffer buffer
      (rg-wait "a flymake diagnostic on the item"
               (lambda () (cl-some (lambda (n) (= (alist-get 'line n) line)) (rg-flymake-notes))))
      (rg-mark 'diagnostic)
      (rg-put 'before (vconcat (rg-flymake-notes)))
      (goto-char (point-min))
      (forward-line line)
      (search-forward "**" (line-end-position) t)
      (let* ((beg (line-beginning-position))
             (end (line-end-position))
             (actions (eglot-code-actions beg end nil nil))
             (chosen nil))
        (rg-put 'actions (vconcat (mapcar #'rg-describe-action actions)))
        ;; The user's path: M-x eglot-code-actions, pick the create-doc action by its title.
        (cl-letf (((symbol-function 'completing-read)
                   (lambda (_prompt collection &rest _)
                     (let ((titles (mapcar (lambda (c) (if (consp c) (car c) c)) collection)))
                       (rg-put 'menu (vconcat titles))
                       (setq chosen (cl-find-if (lambda (title) (string-match-p "Create design doc" title)) titles))
                       (or chosen (error "No create-design-doc action among %S" titles))))))
          ;; A non-list event, so eglot asks through completing-read rather than a popup menu.
          (let ((last-nonmenu-event ?\r))
            (eglot-code-actions beg end nil t)))
        (rg-put 'chosen chosen)
        (rg-mark 'applied)
        (save-some-buffers t)
        ;; What the user sees once the fix is in: the item's RG001 gone and no RG003 for the new plan,
        ;; within RG_SETTLE_MS (the server created the file itself, so no file event is needed).
        (let ((target (getenv "RG_TARGET"))
              (settle (getenv "RG_SETTLE_MS")))
          (when (and target settle)
            (let ((rg-timeout (/ (string-to-number settle) 1000.0)))
              (rg-wait (format "flymake notes without the RG001 on line %d and without an RG003 for %s" (1+ line) target)
                       (lambda ()
                         (not (cl-some (lambda (n)
                                         (or (and (equal (alist-get 'code n) "RG001") (= (alist-get 'line n) line))
                                             (and (equal (alist-get 'code n) "RG003") (string-search target (alist-get 'text n)))))
                                       (rg-flymake-notes))))))
            (rg-mark 'settled)
            (rg-put 'settled (vconcat (rg-flymake-notes)))))))))

;; Errors inside process filters and sentinels end a batch Emacs at once (exit 255); still
;; leave a result saying so, with the server's stderr.
(add-hook 'kill-emacs-hook
          (lambda ()
            (unless rg-written
              (rg-put 'error (format "Emacs ended on an error outside the scenario (see stderr); server stderr:\n%s"
                                     (rg-server-stderr)))
              (rg-write))))

(defun rg-main ()
  (let ((code 0))
    (condition-case err
        (pcase (getenv "RG_SCENARIO")
          ("diagnostics" (rg-scenario-diagnostics))
          ("create-doc" (rg-scenario-create-doc))
          ("disk" (rg-scenario-disk))
          (other (error "Unknown RG_SCENARIO %S" other)))
      (rg-timeout
       (setq code 2)
       (rg-put 'error (format "timeout waiting for %s" (cadr err))))
      (error
       (setq code 1)
       (rg-put 'error (format "%s\nserver stderr:\n%s" (error-message-string err) (rg-server-stderr)))))
    (when (= code 0) (rg-put 'ok t))
    (rg-put 'logs (vconcat (reverse rg-logs)))
    (unless (= code 0) (rg-put 'log (rg-events-tail)))
    (rg-mark 'done)
    (rg-write)
    ;; A normal exit sends shutdown and exit; after a failure every process we started is deleted.
    (if (and (= code 0) rg-server-object)
        (ignore-errors (eglot-shutdown rg-server-object nil 2))
      (dolist (process (process-list))
        (set-process-sentinel process #'ignore)
        (ignore-errors (delete-process process))))
    (kill-emacs code)))

(rg-main)
