;; The usual lines of a patient-records file (study_id,[patient_id,]arm,baseline,followup,adverse_event),
;; typed and folded into one study's two arms in WebAssembly: what patient-bytes.ts's usualLine does,
;; byte for byte and operation for operation, without the JavaScript per byte (10^6 rows: most of
;; reading the file). scripts/wasm.mjs assembles it into patient-scan-wasm.ts (a test checks that the
;; two agree).
;;
;; scan(p, end, n, withId, followupOnly) reads the complete lines (each ending in a newline) of
;; memory[p, end) while each is a usual line of the study whose id is the n bytes at STUDY: it stops at
;; the first line that is not (another study, an empty cell of the study id, a space, a quote, a
;; control character, another spelling, a number of more than 15 digits...) and returns where that
;; line starts, for the JavaScript reader to type it as before. Every line it takes is added to the
;; arms' state at STATE, loaded by the caller from the study's arms and stored back after.
;;
;; Memory, its tables written by patient-scan.ts from the constants the JavaScript reader uses: 0 the
;; class of each byte (0 other, 1 comma or newline, 2 a byte that sends its line to the JavaScript
;; reader); 256 the powers of ten 10^0..10^15 (f64); STATE = 384: f64 n, mean, m2 of the treatment
;; then the control arm's outcome (Welford's update, as the aggregator's Arm), then at 432 the i32
;; counts patients, missing outcome, exposed, events, missing event of each arm, and at 472 the lines
;; taken; STUDY = 1024, up to 64512 bytes of the study id; DATA = 65536, the bytes read (each run of
;; lines followed by 16 bytes of room: a comparison of 8 bytes may read past a line's newline).
(module
  (memory (export "memory") 2)
  (global $read (mut f64) (f64.const 0))

  ;; A plain number at p (-?digits(.digits)?, at most 15 digits) into $read: where it ends, or -1. The
  ;; digits are summed as an integer: below 10^15 every partial sum is exact, as it is in a double.
  (func $number (param $p i32) (result i32)
    (local $negative i32) (local $m i64) (local $digits i32) (local $decimals i32) (local $d i32) (local $v f64)
    (local.set $negative (i32.eq (i32.load8_u (local.get $p)) (i32.const 45)))
    (local.set $p (i32.add (local.get $p) (local.get $negative)))
    (block $done
      (loop $int
        (local.set $d (i32.sub (i32.load8_u (local.get $p)) (i32.const 48)))
        (br_if $done (i32.gt_u (local.get $d) (i32.const 9)))
        (local.set $m (i64.add (i64.mul (local.get $m) (i64.const 10)) (i64.extend_i32_u (local.get $d))))
        (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $int)))
    (if (i32.eqz (local.get $digits)) (then (return (i32.const -1))))
    (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 46))
      (then
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (block $fraction
          (loop $frac
            (local.set $d (i32.sub (i32.load8_u (local.get $p)) (i32.const 48)))
            (br_if $fraction (i32.gt_u (local.get $d) (i32.const 9)))
            (local.set $m (i64.add (i64.mul (local.get $m) (i64.const 10)) (i64.extend_i32_u (local.get $d))))
            (local.set $decimals (i32.add (local.get $decimals) (i32.const 1)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $frac)))
        (if (i32.eqz (local.get $decimals)) (then (return (i32.const -1))))))
    (if (i32.gt_u (i32.add (local.get $digits) (local.get $decimals)) (i32.const 15)) (then (return (i32.const -1))))
    ;; An integer below 2^53 over an exact power of ten: one correctly rounded division, as Number() reads it.
    (local.set $v (f64.convert_i64_u (local.get $m)))
    (if (local.get $decimals)
      (then (local.set $v (f64.div (local.get $v) (f64.load (i32.add (i32.const 256) (i32.shl (local.get $decimals) (i32.const 3))))))))
    (global.set $read (if (result f64) (local.get $negative) (then (f64.neg (local.get $v))) (else (local.get $v))))
    (local.get $p))

  (func (export "scan") (param $p i32) (param $end i32) (param $n i32) (param $withId i32) (param $followupOnly i32) (result i32)
    (local $start i32) (local $i i32) (local $c i32) (local $treated i32)
    (local $baseline f64) (local $followup f64) (local $x f64) (local $delta f64) (local $event i32)
    (local $tn f64) (local $tmean f64) (local $tm2 f64) (local $cn f64) (local $cmean f64) (local $cm2 f64)
    (local $tpatients i32) (local $tmissing i32) (local $texposed i32) (local $tevents i32) (local $tmissingEvent i32)
    (local $cpatients i32) (local $cmissing i32) (local $cexposed i32) (local $cevents i32) (local $cmissingEvent i32)
    (local $lines i32)
    (local.set $tn (f64.load (i32.const 384)))
    (local.set $tmean (f64.load (i32.const 392)))
    (local.set $tm2 (f64.load (i32.const 400)))
    (local.set $cn (f64.load (i32.const 408)))
    (local.set $cmean (f64.load (i32.const 416)))
    (local.set $cm2 (f64.load (i32.const 424)))
    (local.set $tpatients (i32.load (i32.const 432)))
    (local.set $tmissing (i32.load (i32.const 436)))
    (local.set $texposed (i32.load (i32.const 440)))
    (local.set $tevents (i32.load (i32.const 444)))
    (local.set $tmissingEvent (i32.load (i32.const 448)))
    (local.set $cpatients (i32.load (i32.const 452)))
    (local.set $cmissing (i32.load (i32.const 456)))
    (local.set $cexposed (i32.load (i32.const 460)))
    (local.set $cevents (i32.load (i32.const 464)))
    (local.set $cmissingEvent (i32.load (i32.const 468)))
    (block $stop
      (loop $line
        (local.set $start (local.get $p))
        (br_if $stop (i32.ge_u (local.get $p) (local.get $end)))
        ;; The study id: the previous line's, then a comma. (Every line here ends in a newline before
        ;; end, and no id, word or number matches a newline: no read goes past the line.)
        (local.set $i (i32.const 0))
        (block $same
          (loop $id
            (br_if $same (i32.gt_u (i32.add (local.get $i) (i32.const 8)) (local.get $n)))
            (br_if $stop
              (i64.ne
                (i64.load (i32.add (local.get $p) (local.get $i)))
                (i64.load (i32.add (i32.const 1024) (local.get $i)))))
            (local.set $i (i32.add (local.get $i) (i32.const 8)))
            (br $id)))
        ;; The last 0-7 bytes: eight read, those past the id masked off.
        (br_if $stop
          (i64.ne
            (i64.and
              (i64.xor
                (i64.load (i32.add (local.get $p) (local.get $i)))
                (i64.load (i32.add (i32.const 1024) (local.get $i))))
              (i64.sub
                (i64.shl (i64.const 1) (i64.extend_i32_u (i32.shl (i32.sub (local.get $n) (local.get $i)) (i32.const 3))))
                (i64.const 1)))
            (i64.const 0)))
        (local.set $p (i32.add (local.get $p) (local.get $n)))
        (br_if $stop (i32.ne (i32.load8_u (local.get $p)) (i32.const 44)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        ;; patient_id: checked only.
        (if (local.get $withId)
          (then
            (block $idEnd
              (loop $pid
                (local.set $c (i32.load8_u (local.get $p)))
                (br_if $idEnd (i32.eq (local.get $c) (i32.const 44)))
                (br_if $stop (i32.load8_u (local.get $c)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $pid)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))))
        ;; arm and its comma: "treatment," or "control,", compared as 8 bytes (and 2).
        (local.set $treated (i32.eq (i32.load8_u (local.get $p)) (i32.const 116)))
        (if (local.get $treated)
          (then
            (br_if $stop (i64.ne (i64.load (local.get $p)) (i64.const 0x6e656d7461657274)))
            (br_if $stop (i32.ne (i32.load16_u (i32.add (local.get $p) (i32.const 8))) (i32.const 0x2c74)))
            (local.set $p (i32.add (local.get $p) (i32.const 10))))
          (else
            (br_if $stop (i64.ne (i64.load (local.get $p)) (i64.const 0x2c6c6f72746e6f63)))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))))
        ;; baseline and followup: a number or empty (NaN), each then a comma.
        (local.set $baseline (f64.const nan))
        (if (i32.ne (i32.load8_u (local.get $p)) (i32.const 44))
          (then
            (local.set $p (call $number (local.get $p)))
            (br_if $stop (i32.lt_s (local.get $p) (i32.const 0)))
            (local.set $baseline (global.get $read))))
        (br_if $stop (i32.ne (i32.load8_u (local.get $p)) (i32.const 44)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $followup (f64.const nan))
        (if (i32.ne (i32.load8_u (local.get $p)) (i32.const 44))
          (then
            (local.set $p (call $number (local.get $p)))
            (br_if $stop (i32.lt_s (local.get $p) (i32.const 0)))
            (local.set $followup (global.get $read))))
        (br_if $stop (i32.ne (i32.load8_u (local.get $p)) (i32.const 44)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        ;; adverse_event: yes, no or empty (-1), then the newline.
        (local.set $c (i32.load8_u (local.get $p)))
        (local.set $event (i32.const -1))
        (if (i32.and
              (i32.eq (local.get $c) (i32.const 121))
              (i32.eq (i32.load16_u (i32.add (local.get $p) (i32.const 1))) (i32.const 0x7365)))
          (then
            (local.set $event (i32.const 1))
            (local.set $p (i32.add (local.get $p) (i32.const 3))))
          (else
            (if (i32.and (i32.eq (local.get $c) (i32.const 110)) (i32.eq (i32.load8_u (i32.add (local.get $p) (i32.const 1))) (i32.const 111)))
              (then
                (local.set $event (i32.const 0))
                (local.set $p (i32.add (local.get $p) (i32.const 2)))))))
        (br_if $stop (i32.ne (i32.load8_u (local.get $p)) (i32.const 10)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $lines (i32.add (local.get $lines) (i32.const 1)))
        ;; As addPlain: the outcome (the follow-up, or the change), NaN when missing; the event.
        (local.set $x
          (if (result f64) (local.get $followupOnly)
            (then (local.get $followup))
            (else (f64.sub (local.get $followup) (local.get $baseline)))))
        (if (local.get $treated)
          (then
            (local.set $tpatients (i32.add (local.get $tpatients) (i32.const 1)))
            (if (f64.eq (local.get $x) (local.get $x))
              (then
                (local.set $tn (f64.add (local.get $tn) (f64.const 1)))
                (local.set $delta (f64.sub (local.get $x) (local.get $tmean)))
                (local.set $tmean (f64.add (local.get $tmean) (f64.div (local.get $delta) (local.get $tn))))
                (local.set $tm2 (f64.add (local.get $tm2) (f64.mul (local.get $delta) (f64.sub (local.get $x) (local.get $tmean))))))
              (else (local.set $tmissing (i32.add (local.get $tmissing) (i32.const 1)))))
            (if (i32.ge_s (local.get $event) (i32.const 0))
              (then
                (local.set $texposed (i32.add (local.get $texposed) (i32.const 1)))
                (local.set $tevents (i32.add (local.get $tevents) (local.get $event))))
              (else (local.set $tmissingEvent (i32.add (local.get $tmissingEvent) (i32.const 1))))))
          (else
            (local.set $cpatients (i32.add (local.get $cpatients) (i32.const 1)))
            (if (f64.eq (local.get $x) (local.get $x))
              (then
                (local.set $cn (f64.add (local.get $cn) (f64.const 1)))
                (local.set $delta (f64.sub (local.get $x) (local.get $cmean)))
                (local.set $cmean (f64.add (local.get $cmean) (f64.div (local.get $delta) (local.get $cn))))
                (local.set $cm2 (f64.add (local.get $cm2) (f64.mul (local.get $delta) (f64.sub (local.get $x) (local.get $cmean))))))
              (else (local.set $cmissing (i32.add (local.get $cmissing) (i32.const 1)))))
            (if (i32.ge_s (local.get $event) (i32.const 0))
              (then
                (local.set $cexposed (i32.add (local.get $cexposed) (i32.const 1)))
                (local.set $cevents (i32.add (local.get $cevents) (local.get $event))))
              (else (local.set $cmissingEvent (i32.add (local.get $cmissingEvent) (i32.const 1)))))))
        (br $line)))
    (f64.store (i32.const 384) (local.get $tn))
    (f64.store (i32.const 392) (local.get $tmean))
    (f64.store (i32.const 400) (local.get $tm2))
    (f64.store (i32.const 408) (local.get $cn))
    (f64.store (i32.const 416) (local.get $cmean))
    (f64.store (i32.const 424) (local.get $cm2))
    (i32.store (i32.const 432) (local.get $tpatients))
    (i32.store (i32.const 436) (local.get $tmissing))
    (i32.store (i32.const 440) (local.get $texposed))
    (i32.store (i32.const 444) (local.get $tevents))
    (i32.store (i32.const 448) (local.get $tmissingEvent))
    (i32.store (i32.const 452) (local.get $cpatients))
    (i32.store (i32.const 456) (local.get $cmissing))
    (i32.store (i32.const 460) (local.get $cexposed))
    (i32.store (i32.const 464) (local.get $cevents))
    (i32.store (i32.const 468) (local.get $cmissingEvent))
    (i32.store (i32.const 472) (local.get $lines))
    ;; Where the line not taken starts (or end).
    (local.get $start)))
