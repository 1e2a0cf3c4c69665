// Generated from proto/net.proto by `npm run generate` (protobufjs-cli). Do not edit.
/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["sightline-net"] || ($protobuf.roots["sightline-net"] = {});

export const sightline = $root.sightline = (() => {

    /**
     * Namespace sightline.
     * @exports sightline
     * @namespace
     */
    const sightline = {};

    sightline.net = (function() {

        /**
         * Namespace net.
         * @memberof sightline
         * @namespace
         */
        const net = {};

        net.v1 = (function() {

            /**
             * Namespace v1.
             * @memberof sightline.net
             * @namespace
             */
            const v1 = {};

            v1.Envelope = (function() {

                /**
                 * Properties of an Envelope.
                 * @typedef {Object} sightline.net.v1.Envelope.$Properties
                 * @property {number|null} [version] Envelope version
                 * @property {string|null} [issuer] Envelope issuer
                 * @property {number|Long|null} [epoch] Envelope epoch
                 * @property {number|Long|null} [sequence] Envelope sequence
                 * @property {number|Long|null} [timestampMs] Envelope timestampMs
                 * @property {string|null} [kind] Envelope kind
                 * @property {Uint8Array|null} [payload] Envelope payload
                 * @property {Uint8Array|null} [signature] Envelope signature
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an Envelope.
                 * @memberof sightline.net.v1
                 * @interface IEnvelope
                 * @augments sightline.net.v1.Envelope.$Properties
                 * @deprecated Use sightline.net.v1.Envelope.$Properties instead.
                 */

                /**
                 * Shape of an Envelope.
                 * @typedef {sightline.net.v1.Envelope.$Properties} sightline.net.v1.Envelope.$Shape
                 */

                /**
                 * Constructs a new Envelope.
                 * @memberof sightline.net.v1
                 * @classdesc Represents an Envelope.
                 * @constructor
                 * @param {sightline.net.v1.Envelope.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Envelope = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Envelope version.
                 * @member {number} version
                 * @memberof sightline.net.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.version = 0;

                /**
                 * Envelope issuer.
                 * @member {string} issuer
                 * @memberof sightline.net.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.issuer = "";

                /**
                 * Envelope epoch.
                 * @member {number|Long} epoch
                 * @memberof sightline.net.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.epoch = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Envelope sequence.
                 * @member {number|Long} sequence
                 * @memberof sightline.net.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.sequence = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Envelope timestampMs.
                 * @member {number|Long} timestampMs
                 * @memberof sightline.net.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.timestampMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Envelope kind.
                 * @member {string} kind
                 * @memberof sightline.net.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.kind = "";

                /**
                 * Envelope payload.
                 * @member {Uint8Array} payload
                 * @memberof sightline.net.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.payload = $util.newBuffer([]);

                /**
                 * Envelope signature.
                 * @member {Uint8Array} signature
                 * @memberof sightline.net.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.signature = $util.newBuffer([]);

                /**
                 * Creates a new Envelope instance using the specified properties.
                 * @function create
                 * @memberof sightline.net.v1.Envelope
                 * @static
                 * @param {sightline.net.v1.Envelope.$Properties=} [properties] Properties to set
                 * @returns {sightline.net.v1.Envelope} Envelope instance
                 * @type {{
                 *   (properties: sightline.net.v1.Envelope.$Shape): sightline.net.v1.Envelope & sightline.net.v1.Envelope.$Shape;
                 *   (properties?: sightline.net.v1.Envelope.$Properties): sightline.net.v1.Envelope;
                 * }}
                 */
                Envelope.create = function(properties) {
                    return new Envelope(properties);
                };

                /**
                 * Encodes the specified Envelope message. Does not implicitly {@link sightline.net.v1.Envelope.verify|verify} messages.
                 * @function encode
                 * @memberof sightline.net.v1.Envelope
                 * @static
                 * @param {sightline.net.v1.Envelope.$Properties} message Envelope message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Envelope.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.version);
                    if (message.issuer != null && $Object.hasOwnProperty.call(message, "issuer") && message.issuer !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.issuer);
                    if (message.epoch != null && $Object.hasOwnProperty.call(message, "epoch") && (typeof message.epoch === "object" ? message.epoch.low || message.epoch.high : message.epoch !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.epoch);
                    if (message.sequence != null && $Object.hasOwnProperty.call(message, "sequence") && (typeof message.sequence === "object" ? message.sequence.low || message.sequence.high : message.sequence !== 0))
                        writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.sequence);
                    if (message.timestampMs != null && $Object.hasOwnProperty.call(message, "timestampMs") && (typeof message.timestampMs === "object" ? message.timestampMs.low || message.timestampMs.high : message.timestampMs !== 0))
                        writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.timestampMs);
                    if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== "")
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.kind);
                    if (message.payload != null && $Object.hasOwnProperty.call(message, "payload") && message.payload.length)
                        writer.uint32(/* id 7, wireType 2 =*/58).bytes(message.payload);
                    if (message.signature != null && $Object.hasOwnProperty.call(message, "signature") && message.signature.length)
                        writer.uint32(/* id 8, wireType 2 =*/66).bytes(message.signature);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an Envelope message from the specified reader or buffer.
                 * @function decode
                 * @memberof sightline.net.v1.Envelope
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sightline.net.v1.Envelope & sightline.net.v1.Envelope.$Shape} Envelope
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Envelope.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.sightline.net.v1.Envelope();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.issuer = value;
                                else
                                    delete message.issuer;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.epoch = value;
                                else
                                    delete message.epoch;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.sequence = value;
                                else
                                    delete message.sequence;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.timestampMs = value;
                                else
                                    delete message.timestampMs;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.kind = value;
                                else
                                    delete message.kind;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.payload = value;
                                else
                                    delete message.payload;
                                continue;
                            }
                        case 8: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.signature = value;
                                else
                                    delete message.signature;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return Envelope;
            })();

            v1.SignedPart = (function() {

                /**
                 * Properties of a SignedPart.
                 * @typedef {Object} sightline.net.v1.SignedPart.$Properties
                 * @property {string|null} [domain] SignedPart domain
                 * @property {string|null} [topic] SignedPart topic
                 * @property {sightline.net.v1.Envelope.$Properties|null} [envelope] SignedPart envelope
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a SignedPart.
                 * @memberof sightline.net.v1
                 * @interface ISignedPart
                 * @augments sightline.net.v1.SignedPart.$Properties
                 * @deprecated Use sightline.net.v1.SignedPart.$Properties instead.
                 */

                /**
                 * Shape of a SignedPart.
                 * @typedef {sightline.net.v1.SignedPart.$Properties} sightline.net.v1.SignedPart.$Shape
                 */

                /**
                 * Constructs a new SignedPart.
                 * @memberof sightline.net.v1
                 * @classdesc Represents a SignedPart.
                 * @constructor
                 * @param {sightline.net.v1.SignedPart.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const SignedPart = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * SignedPart domain.
                 * @member {string} domain
                 * @memberof sightline.net.v1.SignedPart
                 * @instance
                 */
                SignedPart.prototype.domain = "";

                /**
                 * SignedPart topic.
                 * @member {string} topic
                 * @memberof sightline.net.v1.SignedPart
                 * @instance
                 */
                SignedPart.prototype.topic = "";

                /**
                 * SignedPart envelope.
                 * @member {sightline.net.v1.Envelope.$Properties|null|undefined} envelope
                 * @memberof sightline.net.v1.SignedPart
                 * @instance
                 */
                SignedPart.prototype.envelope = null;

                /**
                 * Creates a new SignedPart instance using the specified properties.
                 * @function create
                 * @memberof sightline.net.v1.SignedPart
                 * @static
                 * @param {sightline.net.v1.SignedPart.$Properties=} [properties] Properties to set
                 * @returns {sightline.net.v1.SignedPart} SignedPart instance
                 * @type {{
                 *   (properties: sightline.net.v1.SignedPart.$Shape): sightline.net.v1.SignedPart & sightline.net.v1.SignedPart.$Shape;
                 *   (properties?: sightline.net.v1.SignedPart.$Properties): sightline.net.v1.SignedPart;
                 * }}
                 */
                SignedPart.create = function(properties) {
                    return new SignedPart(properties);
                };

                /**
                 * Encodes the specified SignedPart message. Does not implicitly {@link sightline.net.v1.SignedPart.verify|verify} messages.
                 * @function encode
                 * @memberof sightline.net.v1.SignedPart
                 * @static
                 * @param {sightline.net.v1.SignedPart.$Properties} message SignedPart message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                SignedPart.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.domain != null && $Object.hasOwnProperty.call(message, "domain") && message.domain !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.domain);
                    if (message.topic != null && $Object.hasOwnProperty.call(message, "topic") && message.topic !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.topic);
                    if (message.envelope != null && $Object.hasOwnProperty.call(message, "envelope"))
                        $root.sightline.net.v1.Envelope.encode(message.envelope, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a SignedPart message from the specified reader or buffer.
                 * @function decode
                 * @memberof sightline.net.v1.SignedPart
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sightline.net.v1.SignedPart & sightline.net.v1.SignedPart.$Shape} SignedPart
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                SignedPart.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.sightline.net.v1.SignedPart();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.domain = value;
                                else
                                    delete message.domain;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.topic = value;
                                else
                                    delete message.topic;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                message.envelope = $root.sightline.net.v1.Envelope.decode(reader, reader.size(), $undefined, _depth + 1, message.envelope);
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return SignedPart;
            })();

            v1.SyncMessage = (function() {

                /**
                 * Properties of a SyncMessage.
                 * @typedef {Object} sightline.net.v1.SyncMessage.$Properties
                 * @property {number|null} [version] SyncMessage version
                 * @property {Array.<Uint8Array>|null} [envelopes] SyncMessage envelopes
                 * @property {Array.<Uint8Array>|null} [feed] SyncMessage feed
                 * @property {Uint8Array|null} [roster] SyncMessage roster
                 * @property {sightline.net.v1.Status|null} [status] SyncMessage status
                 * @property {Array.<Uint8Array>|null} [peerRecords] SyncMessage peerRecords
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a SyncMessage.
                 * @memberof sightline.net.v1
                 * @interface ISyncMessage
                 * @augments sightline.net.v1.SyncMessage.$Properties
                 * @deprecated Use sightline.net.v1.SyncMessage.$Properties instead.
                 */

                /**
                 * Shape of a SyncMessage.
                 * @typedef {sightline.net.v1.SyncMessage.$Properties} sightline.net.v1.SyncMessage.$Shape
                 */

                /**
                 * Constructs a new SyncMessage.
                 * @memberof sightline.net.v1
                 * @classdesc Represents a SyncMessage.
                 * @constructor
                 * @param {sightline.net.v1.SyncMessage.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const SyncMessage = function (properties) {
                    this.envelopes = [];
                    this.feed = [];
                    this.peerRecords = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * SyncMessage version.
                 * @member {number} version
                 * @memberof sightline.net.v1.SyncMessage
                 * @instance
                 */
                SyncMessage.prototype.version = 0;

                /**
                 * SyncMessage envelopes.
                 * @member {Array.<Uint8Array>} envelopes
                 * @memberof sightline.net.v1.SyncMessage
                 * @instance
                 */
                SyncMessage.prototype.envelopes = $util.emptyArray;

                /**
                 * SyncMessage feed.
                 * @member {Array.<Uint8Array>} feed
                 * @memberof sightline.net.v1.SyncMessage
                 * @instance
                 */
                SyncMessage.prototype.feed = $util.emptyArray;

                /**
                 * SyncMessage roster.
                 * @member {Uint8Array} roster
                 * @memberof sightline.net.v1.SyncMessage
                 * @instance
                 */
                SyncMessage.prototype.roster = $util.newBuffer([]);

                /**
                 * SyncMessage status.
                 * @member {sightline.net.v1.Status} status
                 * @memberof sightline.net.v1.SyncMessage
                 * @instance
                 */
                SyncMessage.prototype.status = 0;

                /**
                 * SyncMessage peerRecords.
                 * @member {Array.<Uint8Array>} peerRecords
                 * @memberof sightline.net.v1.SyncMessage
                 * @instance
                 */
                SyncMessage.prototype.peerRecords = $util.emptyArray;

                /**
                 * Creates a new SyncMessage instance using the specified properties.
                 * @function create
                 * @memberof sightline.net.v1.SyncMessage
                 * @static
                 * @param {sightline.net.v1.SyncMessage.$Properties=} [properties] Properties to set
                 * @returns {sightline.net.v1.SyncMessage} SyncMessage instance
                 * @type {{
                 *   (properties: sightline.net.v1.SyncMessage.$Shape): sightline.net.v1.SyncMessage & sightline.net.v1.SyncMessage.$Shape;
                 *   (properties?: sightline.net.v1.SyncMessage.$Properties): sightline.net.v1.SyncMessage;
                 * }}
                 */
                SyncMessage.create = function(properties) {
                    return new SyncMessage(properties);
                };

                /**
                 * Encodes the specified SyncMessage message. Does not implicitly {@link sightline.net.v1.SyncMessage.verify|verify} messages.
                 * @function encode
                 * @memberof sightline.net.v1.SyncMessage
                 * @static
                 * @param {sightline.net.v1.SyncMessage.$Properties} message SyncMessage message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                SyncMessage.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.version);
                    if (message.envelopes != null && message.envelopes.length)
                        for (let i = 0; i < message.envelopes.length; ++i)
                            writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.envelopes[i]);
                    if (message.feed != null && message.feed.length)
                        for (let i = 0; i < message.feed.length; ++i)
                            writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.feed[i]);
                    if (message.roster != null && $Object.hasOwnProperty.call(message, "roster") && message.roster.length)
                        writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.roster);
                    if (message.status != null && $Object.hasOwnProperty.call(message, "status") && message.status !== 0)
                        writer.uint32(/* id 5, wireType 0 =*/40).int32(message.status);
                    if (message.peerRecords != null && message.peerRecords.length)
                        for (let i = 0; i < message.peerRecords.length; ++i)
                            writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.peerRecords[i]);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a SyncMessage message from the specified reader or buffer.
                 * @function decode
                 * @memberof sightline.net.v1.SyncMessage
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sightline.net.v1.SyncMessage & sightline.net.v1.SyncMessage.$Shape} SyncMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                SyncMessage.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.sightline.net.v1.SyncMessage();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.envelopes && message.envelopes.length))
                                    message.envelopes = [];
                                message.envelopes.push(reader.bytes());
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.feed && message.feed.length))
                                    message.feed = [];
                                message.feed.push(reader.bytes());
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.roster = value;
                                else
                                    delete message.roster;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.status = value;
                                else
                                    delete message.status;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.peerRecords && message.peerRecords.length))
                                    message.peerRecords = [];
                                message.peerRecords.push(reader.bytes());
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return SyncMessage;
            })();

            v1.PeerRecords = (function() {

                /**
                 * Properties of a PeerRecords.
                 * @typedef {Object} sightline.net.v1.PeerRecords.$Properties
                 * @property {number|null} [version] PeerRecords version
                 * @property {Array.<Uint8Array>|null} [records] PeerRecords records
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a PeerRecords.
                 * @memberof sightline.net.v1
                 * @interface IPeerRecords
                 * @augments sightline.net.v1.PeerRecords.$Properties
                 * @deprecated Use sightline.net.v1.PeerRecords.$Properties instead.
                 */

                /**
                 * Shape of a PeerRecords.
                 * @typedef {sightline.net.v1.PeerRecords.$Properties} sightline.net.v1.PeerRecords.$Shape
                 */

                /**
                 * Constructs a new PeerRecords.
                 * @memberof sightline.net.v1
                 * @classdesc Represents a PeerRecords.
                 * @constructor
                 * @param {sightline.net.v1.PeerRecords.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const PeerRecords = function (properties) {
                    this.records = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * PeerRecords version.
                 * @member {number} version
                 * @memberof sightline.net.v1.PeerRecords
                 * @instance
                 */
                PeerRecords.prototype.version = 0;

                /**
                 * PeerRecords records.
                 * @member {Array.<Uint8Array>} records
                 * @memberof sightline.net.v1.PeerRecords
                 * @instance
                 */
                PeerRecords.prototype.records = $util.emptyArray;

                /**
                 * Creates a new PeerRecords instance using the specified properties.
                 * @function create
                 * @memberof sightline.net.v1.PeerRecords
                 * @static
                 * @param {sightline.net.v1.PeerRecords.$Properties=} [properties] Properties to set
                 * @returns {sightline.net.v1.PeerRecords} PeerRecords instance
                 * @type {{
                 *   (properties: sightline.net.v1.PeerRecords.$Shape): sightline.net.v1.PeerRecords & sightline.net.v1.PeerRecords.$Shape;
                 *   (properties?: sightline.net.v1.PeerRecords.$Properties): sightline.net.v1.PeerRecords;
                 * }}
                 */
                PeerRecords.create = function(properties) {
                    return new PeerRecords(properties);
                };

                /**
                 * Encodes the specified PeerRecords message. Does not implicitly {@link sightline.net.v1.PeerRecords.verify|verify} messages.
                 * @function encode
                 * @memberof sightline.net.v1.PeerRecords
                 * @static
                 * @param {sightline.net.v1.PeerRecords.$Properties} message PeerRecords message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                PeerRecords.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.version);
                    if (message.records != null && message.records.length)
                        for (let i = 0; i < message.records.length; ++i)
                            writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.records[i]);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a PeerRecords message from the specified reader or buffer.
                 * @function decode
                 * @memberof sightline.net.v1.PeerRecords
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sightline.net.v1.PeerRecords & sightline.net.v1.PeerRecords.$Shape} PeerRecords
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                PeerRecords.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.sightline.net.v1.PeerRecords();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.records && message.records.length))
                                    message.records = [];
                                message.records.push(reader.bytes());
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return PeerRecords;
            })();

            v1.FeedEntry = (function() {

                /**
                 * Properties of a FeedEntry.
                 * @typedef {Object} sightline.net.v1.FeedEntry.$Properties
                 * @property {string|null} [type] FeedEntry type
                 * @property {string|null} [value] FeedEntry value
                 * @property {string|null} [tlp] FeedEntry tlp
                 * @property {number|null} [confidence] FeedEntry confidence
                 * @property {Array.<string>|null} [tags] FeedEntry tags
                 * @property {number|null} [firstSeen] FeedEntry firstSeen
                 * @property {number|null} [lastSeen] FeedEntry lastSeen
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a FeedEntry.
                 * @memberof sightline.net.v1
                 * @interface IFeedEntry
                 * @augments sightline.net.v1.FeedEntry.$Properties
                 * @deprecated Use sightline.net.v1.FeedEntry.$Properties instead.
                 */

                /**
                 * Shape of a FeedEntry.
                 * @typedef {sightline.net.v1.FeedEntry.$Properties} sightline.net.v1.FeedEntry.$Shape
                 */

                /**
                 * Constructs a new FeedEntry.
                 * @memberof sightline.net.v1
                 * @classdesc Represents a FeedEntry.
                 * @constructor
                 * @param {sightline.net.v1.FeedEntry.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const FeedEntry = function (properties) {
                    this.tags = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * FeedEntry type.
                 * @member {string} type
                 * @memberof sightline.net.v1.FeedEntry
                 * @instance
                 */
                FeedEntry.prototype.type = "";

                /**
                 * FeedEntry value.
                 * @member {string} value
                 * @memberof sightline.net.v1.FeedEntry
                 * @instance
                 */
                FeedEntry.prototype.value = "";

                /**
                 * FeedEntry tlp.
                 * @member {string} tlp
                 * @memberof sightline.net.v1.FeedEntry
                 * @instance
                 */
                FeedEntry.prototype.tlp = "";

                /**
                 * FeedEntry confidence.
                 * @member {number|null|undefined} confidence
                 * @memberof sightline.net.v1.FeedEntry
                 * @instance
                 */
                FeedEntry.prototype.confidence = null;

                /**
                 * FeedEntry tags.
                 * @member {Array.<string>} tags
                 * @memberof sightline.net.v1.FeedEntry
                 * @instance
                 */
                FeedEntry.prototype.tags = $util.emptyArray;

                /**
                 * FeedEntry firstSeen.
                 * @member {number} firstSeen
                 * @memberof sightline.net.v1.FeedEntry
                 * @instance
                 */
                FeedEntry.prototype.firstSeen = 0;

                /**
                 * FeedEntry lastSeen.
                 * @member {number} lastSeen
                 * @memberof sightline.net.v1.FeedEntry
                 * @instance
                 */
                FeedEntry.prototype.lastSeen = 0;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(FeedEntry.prototype, "_confidence", {
                    get: $util.oneOfGetter($oneOfFields = ["confidence"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new FeedEntry instance using the specified properties.
                 * @function create
                 * @memberof sightline.net.v1.FeedEntry
                 * @static
                 * @param {sightline.net.v1.FeedEntry.$Properties=} [properties] Properties to set
                 * @returns {sightline.net.v1.FeedEntry} FeedEntry instance
                 * @type {{
                 *   (properties: sightline.net.v1.FeedEntry.$Shape): sightline.net.v1.FeedEntry & sightline.net.v1.FeedEntry.$Shape;
                 *   (properties?: sightline.net.v1.FeedEntry.$Properties): sightline.net.v1.FeedEntry;
                 * }}
                 */
                FeedEntry.create = function(properties) {
                    return new FeedEntry(properties);
                };

                /**
                 * Encodes the specified FeedEntry message. Does not implicitly {@link sightline.net.v1.FeedEntry.verify|verify} messages.
                 * @function encode
                 * @memberof sightline.net.v1.FeedEntry
                 * @static
                 * @param {sightline.net.v1.FeedEntry.$Properties} message FeedEntry message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                FeedEntry.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.type != null && $Object.hasOwnProperty.call(message, "type") && message.type !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.type);
                    if (message.value != null && $Object.hasOwnProperty.call(message, "value") && message.value !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.value);
                    if (message.tlp != null && $Object.hasOwnProperty.call(message, "tlp") && message.tlp !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.tlp);
                    if (message.confidence != null && $Object.hasOwnProperty.call(message, "confidence"))
                        writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.confidence);
                    if (message.tags != null && message.tags.length)
                        for (let i = 0; i < message.tags.length; ++i)
                            writer.uint32(/* id 5, wireType 2 =*/42).string(message.tags[i]);
                    if (message.firstSeen != null && $Object.hasOwnProperty.call(message, "firstSeen") && !$Object.is(message.firstSeen, 0))
                        writer.uint32(/* id 6, wireType 1 =*/49).double(message.firstSeen);
                    if (message.lastSeen != null && $Object.hasOwnProperty.call(message, "lastSeen") && !$Object.is(message.lastSeen, 0))
                        writer.uint32(/* id 7, wireType 1 =*/57).double(message.lastSeen);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a FeedEntry message from the specified reader or buffer.
                 * @function decode
                 * @memberof sightline.net.v1.FeedEntry
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sightline.net.v1.FeedEntry & sightline.net.v1.FeedEntry.$Shape} FeedEntry
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                FeedEntry.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.sightline.net.v1.FeedEntry();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.type = value;
                                else
                                    delete message.type;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.value = value;
                                else
                                    delete message.value;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.tlp = value;
                                else
                                    delete message.tlp;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                message.confidence = reader.uint32();
                                message._confidence = "confidence";
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.tags && message.tags.length))
                                    message.tags = [];
                                message.tags.push(reader.stringVerify());
                                continue;
                            }
                        case 6: {
                                if (wireType !== 1)
                                    break;
                                if (!$Object.is(value = reader.double(), 0))
                                    message.firstSeen = value;
                                else
                                    delete message.firstSeen;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 1)
                                    break;
                                if (!$Object.is(value = reader.double(), 0))
                                    message.lastSeen = value;
                                else
                                    delete message.lastSeen;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return FeedEntry;
            })();

            v1.FeedBatch = (function() {

                /**
                 * Properties of a FeedBatch.
                 * @typedef {Object} sightline.net.v1.FeedBatch.$Properties
                 * @property {number|null} [version] FeedBatch version
                 * @property {Array.<sightline.net.v1.FeedEntry.$Properties>|null} [entries] FeedBatch entries
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a FeedBatch.
                 * @memberof sightline.net.v1
                 * @interface IFeedBatch
                 * @augments sightline.net.v1.FeedBatch.$Properties
                 * @deprecated Use sightline.net.v1.FeedBatch.$Properties instead.
                 */

                /**
                 * Shape of a FeedBatch.
                 * @typedef {sightline.net.v1.FeedBatch.$Properties} sightline.net.v1.FeedBatch.$Shape
                 */

                /**
                 * Constructs a new FeedBatch.
                 * @memberof sightline.net.v1
                 * @classdesc Represents a FeedBatch.
                 * @constructor
                 * @param {sightline.net.v1.FeedBatch.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const FeedBatch = function (properties) {
                    this.entries = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * FeedBatch version.
                 * @member {number} version
                 * @memberof sightline.net.v1.FeedBatch
                 * @instance
                 */
                FeedBatch.prototype.version = 0;

                /**
                 * FeedBatch entries.
                 * @member {Array.<sightline.net.v1.FeedEntry.$Properties>} entries
                 * @memberof sightline.net.v1.FeedBatch
                 * @instance
                 */
                FeedBatch.prototype.entries = $util.emptyArray;

                /**
                 * Creates a new FeedBatch instance using the specified properties.
                 * @function create
                 * @memberof sightline.net.v1.FeedBatch
                 * @static
                 * @param {sightline.net.v1.FeedBatch.$Properties=} [properties] Properties to set
                 * @returns {sightline.net.v1.FeedBatch} FeedBatch instance
                 * @type {{
                 *   (properties: sightline.net.v1.FeedBatch.$Shape): sightline.net.v1.FeedBatch & sightline.net.v1.FeedBatch.$Shape;
                 *   (properties?: sightline.net.v1.FeedBatch.$Properties): sightline.net.v1.FeedBatch;
                 * }}
                 */
                FeedBatch.create = function(properties) {
                    return new FeedBatch(properties);
                };

                /**
                 * Encodes the specified FeedBatch message. Does not implicitly {@link sightline.net.v1.FeedBatch.verify|verify} messages.
                 * @function encode
                 * @memberof sightline.net.v1.FeedBatch
                 * @static
                 * @param {sightline.net.v1.FeedBatch.$Properties} message FeedBatch message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                FeedBatch.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.version);
                    if (message.entries != null && message.entries.length)
                        for (let i = 0; i < message.entries.length; ++i)
                            $root.sightline.net.v1.FeedEntry.encode(message.entries[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a FeedBatch message from the specified reader or buffer.
                 * @function decode
                 * @memberof sightline.net.v1.FeedBatch
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sightline.net.v1.FeedBatch & sightline.net.v1.FeedBatch.$Shape} FeedBatch
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                FeedBatch.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.sightline.net.v1.FeedBatch();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.entries && message.entries.length))
                                    message.entries = [];
                                message.entries.push($root.sightline.net.v1.FeedEntry.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return FeedBatch;
            })();

            /**
             * Status enum.
             * @name sightline.net.v1.Status
             * @enum {number}
             * @property {number} STATUS_OK=0 STATUS_OK value
             * @property {number} STATUS_NOT_FOUND=1 STATUS_NOT_FOUND value
             * @property {number} STATUS_BAD_REQUEST=2 STATUS_BAD_REQUEST value
             */
            v1.Status = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "STATUS_OK"] = 0;
                values[valuesById[1] = "STATUS_NOT_FOUND"] = 1;
                values[valuesById[2] = "STATUS_BAD_REQUEST"] = 2;
                return values;
            })();

            return v1;
        })();

        return net;
    })();

    return sightline;
})();

export {
  $root as default
};
